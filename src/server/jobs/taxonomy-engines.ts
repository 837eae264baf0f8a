/**
 * One engine per taxonomy: 'default' is the server's own engine (the built-in taxonomy), any other
 * id an engine built on the stored taxonomy document, created on first use and cached. Implements
 * the app's EngineResolver, so ingest (resolve()) follows the active taxonomy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../../engine.js';
import { VerbatimError } from '../../errors.js';
import type { FeedbackStore } from '../../store/index.js';
import { parseTaxonomy, type Taxonomy } from '../../themes/taxonomy.js';
import type { EngineResolver } from '../types.js';

/** The id of the built-in taxonomy (the engine the server started with). */
export const DEFAULT_TAXONOMY_ID = 'default';

/**
 * How long resolve() trusts the active taxonomy id it last read. Every /v1/analyze and ingest
 * request resolves its engine: reading the id from the store each time was ~5% of a single-comment
 * request's CPU on SQLite and a round trip on PostgreSQL. Activation through setActive() forgets the
 * id at once; another process sharing the store sees it within this window.
 */
export const ACTIVE_TAXONOMY_TTL_MS = 1000;

export interface TaxonomyEngines extends EngineResolver {
  /** Drops the cached engine of `id` (its document changed); the next resolve builds a new one. */
  invalidate(id: string): void;
  /** Makes `id` the active taxonomy (null: the built-in one) in the store; resolve() follows at once. */
  setActive(id: string | null): Promise<void>;
  /** Closes every engine this resolver built (not the default one, which the server owns). */
  close(): Promise<void>;
}

/**
 * Builds an engine on a taxonomy document with the default engine's settings. The engine reads
 * taxonomies from files, so the document goes through a private temporary file.
 */
export async function createEngineForTaxonomy(taxonomy: Taxonomy, base: Engine): Promise<Engine> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'verbatim-taxonomy-'));
  try {
    const file = path.join(folder, 'taxonomy.json');
    writeFileSync(file, JSON.stringify(taxonomy));
    return await createEngine({ ...base.config, taxonomyPath: file });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Creates the resolver.
 * @example
 * const engines = createTaxonomyEngines(store, app.engine);
 * app.engines.resolve = engines.resolve;
 */
export function createTaxonomyEngines(store: FeedbackStore, defaultEngine: Engine): TaxonomyEngines {
  const cache = new Map<string, Promise<Engine>>();
  const built: Promise<Engine>[] = [];

  const build = async (id: string): Promise<Engine> => {
    const stored = await store.getTaxonomy(id);
    if (stored === null) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Taxonomy', id });
    return createEngineForTaxonomy(parseTaxonomy(stored.taxonomy, `taxonomy "${id}"`), defaultEngine);
  };

  let active: { id: string; readAt: number } | null = null;
  const activeId = async (): Promise<string> => {
    const now = Date.now();
    if (active !== null && now - active.readAt < ACTIVE_TAXONOMY_TTL_MS) return active.id;
    const id = (await store.activeTaxonomyId()) ?? DEFAULT_TAXONOMY_ID;
    active = { id, readAt: now };
    return id;
  };

  const resolve = async (taxonomyId?: string): Promise<Engine> => {
    const id = taxonomyId ?? (await activeId());
    if (id === DEFAULT_TAXONOMY_ID) return defaultEngine;
    let engine = cache.get(id);
    if (engine === undefined) {
      engine = build(id);
      cache.set(id, engine);
      built.push(engine);
      // A failed build is not cached: the next request tries again (e.g. after the PUT is fixed).
      engine.catch(() => {
        if (cache.get(id) === engine) cache.delete(id);
      });
    }
    return engine;
  };

  return {
    resolve,
    // Replaced engines are not closed here: a request may still be analyzing with one. They are
    // closed with the app (close()).
    invalidate: (id) => void cache.delete(id),
    async setActive(id) {
      await store.setActiveTaxonomy(id);
      active = null;
    },
    async close() {
      const engines = await Promise.allSettled(built.splice(0));
      for (const outcome of engines) if (outcome.status === 'fulfilled') await outcome.value.close();
      cache.clear();
    },
  };
}
