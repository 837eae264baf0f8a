import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/server/config.js';
import { loadDemoData } from '../../src/server/demo-loader.js';
import { startServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/index.js';
import { LIGHT_ENGINE, testEngine } from './helpers.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'verbatim-listen-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('startServer (a real listening server)', () => {
  it('reads every comment as English with VERBATIM_LANGUAGE_DETECT=0', async () => {
    const analyzeSpanish = async (env: Record<string, string>) => {
      const config = loadServerConfig({ PORT: '0', VERBATIM_DEMO: '0', VERBATIM_WARM_UP: '0', VERBATIM_DB: path.join(folder, `language-${Object.keys(env).length}.db`), ...env });
      const server = await startServer(config, { logger: false });
      try {
        const response = await fetch(`${server.url}/v1/analyze`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ comments: [{ id: 'es', text: 'Muy buena atención, me resolvieron todo en una llamada.' }] }),
        });
        return ((await response.json()) as { results: { language: string }[] }).results[0]!.language;
      } finally {
        await server.close();
      }
    };
    expect(await analyzeSpanish({})).toBe('es');
    expect(await analyzeSpanish({ VERBATIM_LANGUAGE_DETECT: '0' })).toBe('en');
  });

  it('listens on 127.0.0.1 with an ephemeral port, answers fetch, and finishes an in-flight request on close', async () => {
    const config = loadServerConfig({ PORT: '0', VERBATIM_DEMO: '0', VERBATIM_DB: path.join(folder, 'listen.db') });
    const server = await startServer(config, { engine: LIGHT_ENGINE, logger: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });

    const response = await fetch(`${server.url}/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ comments: [{ id: 'x', text: 'Refund still missing after three weeks.' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = (await response.json()) as { results: { id: string; sentiment: { label: string } }[] };
    expect(body.results[0]).toMatchObject({ id: 'x', sentiment: { label: 'negative' } });

    // Hold one request inside its handler, close the server, then let it finish.
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const resolveEngine = server.app.engines.resolve;
    server.app.engines.resolve = async (id) => {
      started();
      await held;
      return resolveEngine(id);
    };
    const inFlight = fetch(`${server.url}/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ comments: [{ text: 'ok' }] }),
    });
    await handlerStarted;
    const closed = server.close();
    release();
    expect((await inFlight).status).toBe(200);
    await closed;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('loadDemoData', () => {
  it('analyzes and stores JSONL records in batches, counts failures, and is idempotent', async () => {
    const file = path.join(folder, 'demo.jsonl');
    const lines = [
      { id: 'd1', text: 'Delivery was late.', date: '2026-01-01', score: 3, scoreType: 'nps' },
      { id: 'd2', text: 'Great fit.', date: '2026-01-02', score: 5, scoreType: 'csat', segment: 'general' },
      { id: 'd3', text: 'Bad date.', date: 'soon' },
    ];
    writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const store = await openStore(path.join(folder, 'demo.db'));
    try {
      const progress: [number, number][] = [];
      const engine = await testEngine();
      const first = await loadDemoData(engine, store, { files: [file], progress: (done, total) => progress.push([done, total]) });
      expect(first).toEqual({ inserted: 2, updated: 0, failed: 1 });
      expect(progress).toEqual([[3, 3]]);
      expect(await loadDemoData(engine, store, { files: [file] })).toEqual({ inserted: 0, updated: 2, failed: 1 });
      expect(await store.countFeedback()).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('ships demo files that load without failures', async () => {
    const store = await openStore(':memory:');
    try {
      const summary = await loadDemoData(await testEngine(), store);
      expect(summary.failed).toBe(0);
      expect(summary.inserted).toBe(3125);
    } finally {
      await store.close();
    }
  });
});
