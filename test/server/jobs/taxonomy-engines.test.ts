import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTIVE_TAXONOMY_TTL_MS, createTaxonomyEngines, DEFAULT_TAXONOMY_ID } from '../../../src/server/jobs/taxonomy-engines.js';
import { openStore, type FeedbackStore } from '../../../src/store/index.js';
import type { Engine } from '../../../src/engine.js';
import { parcelTaxonomy, tempDbPath, testEngine } from '../helpers.js';

describe('createTaxonomyEngines', () => {
  let store: FeedbackStore;
  let engine: Engine;

  beforeAll(async () => {
    store = await openStore(tempDbPath());
    engine = await testEngine();
  });
  afterAll(async () => {
    await store.close();
  });

  it('reads the active taxonomy id once per TTL window, and again after setActive', async () => {
    // Only Date is faked: the store and the engine build still use real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T08:00:00Z'));
    const engines = createTaxonomyEngines(store, engine);
    const reads = vi.spyOn(store, 'activeTaxonomyId');
    expect(await engines.resolve()).toBe(engine);
    expect(await engines.resolve()).toBe(engine);
    expect(reads).toHaveBeenCalledTimes(1);

    await store.putTaxonomy('parcels', parcelTaxonomy('parcels'));
    // Another process activating it: still inside the window, the cached id stands.
    await store.setActiveTaxonomy('parcels');
    expect(await engines.resolve()).toBe(engine);
    await engines.setActive('parcels');
    const parcels = await engines.resolve();
    expect(parcels).not.toBe(engine);
    expect(parcels.taxonomy.themes.map((theme) => theme.id)).toEqual(['parcel-delay']);
    expect(reads).toHaveBeenCalledTimes(2);

    // An explicit id never reads the active one.
    expect(await engines.resolve(DEFAULT_TAXONOMY_ID)).toBe(engine);
    expect(reads).toHaveBeenCalledTimes(2);

    // Past the window the store is read again.
    await store.setActiveTaxonomy(null);
    expect(await engines.resolve()).toBe(parcels);
    vi.setSystemTime(Date.now() + ACTIVE_TAXONOMY_TTL_MS);
    expect(await engines.resolve()).toBe(engine);
    expect(reads).toHaveBeenCalledTimes(3);
    reads.mockRestore();
    vi.useRealTimers();
    await engines.close();
  });
});
