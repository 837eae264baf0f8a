import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine.js';
import { VerbatimError } from '../../src/errors.js';
import { ANALYZE_POOL_MIN_COMMENTS, createAnalyzePool, joinJsonArrays, type AnalyzePool } from '../../src/server/analyze-pool.js';
import { COALESCE_MIN_ALONE } from '../../src/server/analyze-coalescer.js';
import { loadServerConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/server.js';
import { buildTestApp, LIGHT_ENGINE, parcelTaxonomy, testEngine } from './helpers.js';

// The pool's threads load the compiled worker (dist/server/analyze-worker.js): `npm test` builds first.
const folder = mkdtempSync(path.join(os.tmpdir(), 'verbatim-pool-'));
const comments = [
  { id: 'a', text: 'The courier was two days late and support never called back.' },
  { id: 'b', text: 'Love the new app, checkout takes seconds.' },
  { id: 'c', text: 7 as unknown as string },
  { id: 'd', text: 'Billing charged me twice; the refund is still missing.', targets: ['refund'] },
  { id: 'e', text: 'ok' },
  { id: 'f', text: 'The staff were friendly but the room was dirty.', targets: ['room', 'staff'] },
  { id: 'g', text: 'Cancelled my subscription after the price went up.' },
  { id: 'h', text: 'Where is my order?' },
  { id: 'i', text: 'x'.repeat(200_000) },
  { id: 'j', text: 'Great value for money.' },
];
/** The HTTP body schema answers 400 for a non-string or over-long text, so route tests send the valid ones. */
const valid = comments.filter((comment) => typeof comment.text === 'string' && comment.text.length <= 20_000);

let engine: Engine;
let pool: AnalyzePool;

beforeAll(async () => {
  // The threads build the same light engine as the in-process one the results are compared with.
  engine = await testEngine();
  pool = await createAnalyzePool(1, LIGHT_ENGINE);
});

afterAll(async () => {
  await pool.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('createAnalyzePool', () => {
  it('gives the same lines as the in-process engine, bad comments as error lines in their slots', async () => {
    const pooled = await pool.analyze(comments);
    expect(pooled).toEqual(await engine.analyzeBatch(comments));
    expect(pooled.map((line) => ('error' in line ? line.error.code : 'ok'))).toEqual(['ok', 'ok', 'VERBATIM_E_TEXT_NOT_STRING', 'ok', 'ok', 'ok', 'ok', 'ok', 'VERBATIM_E_TEXT_TOO_LONG', 'ok']);
  });

  it('splits a batch big enough over its threads, ids numbered as one batch', async () => {
    const two = await createAnalyzePool(2, LIGHT_ENGINE);
    try {
      const many = Array.from({ length: 2 * ANALYZE_POOL_MIN_COMMENTS + 1 }, (_, index) => ({ text: `Parcel ${index} arrived late and support never called back` }));
      const pooled = await two.analyze(many);
      expect(pooled).toEqual(await engine.analyzeBatch(many));
      expect(pooled.map((line) => line.id)).toEqual(many.map((_, index) => index + 1));
    } finally {
      await two.close();
    }
  });

  it('answers with the JSON array of the same lines, byte for byte, on one thread and split over two', async () => {
    const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
    expect(text(await pool.analyzeJson(comments))).toBe(JSON.stringify(await engine.analyzeBatch(comments)));
    expect(text(await pool.analyzeJson([]))).toBe('[]');
    const two = await createAnalyzePool(2, LIGHT_ENGINE);
    try {
      const many = Array.from({ length: 2 * ANALYZE_POOL_MIN_COMMENTS + 3 }, (_, index) => (index === 5 ? comments[2]! : { text: `Parcel ${index} arrived late, the refund is missing 😡` }));
      expect(text(await two.analyzeJson(many))).toBe(JSON.stringify(await engine.analyzeBatch(many)));
    } finally {
      await two.close();
    }
  });

  it('is busy while every thread has a batch, and free again when they answer', async () => {
    expect(pool.busy).toBe(false);
    const running = pool.analyze(valid);
    expect(pool.busy).toBe(true);
    await running;
    expect(pool.busy).toBe(false);
  });

  it('fails to start with the coded error of an engine that cannot be built', async () => {
    const started = createAnalyzePool(1, { sentiment: { scorer: 'nope' } } as never);
    await expect(started).rejects.toBeInstanceOf(VerbatimError);
    await expect(started).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_CONFIG' });
  });
});

describe('joinJsonArrays', () => {
  const join = (...arrays: string[]) => Buffer.from(joinJsonArrays(arrays.map((array) => Buffer.from(array)))).toString();
  it('joins arrays as JSON.stringify of the concatenated lists, skipping empty ones', () => {
    expect(join('[1,{"a":[2]}]', '[]', '["x"]')).toBe('[1,{"a":[2]},"x"]');
    expect(join('[]', '[]')).toBe('[]');
    expect(join()).toBe('[]');
    expect(join('[{"é":"ü"}]')).toBe('[{"é":"ü"}]');
  });
});

describe('POST /v1/analyze with the pool', () => {
  it('sends a request the coalescer would run alone to the threads as JSON, the same bytes as in-process', async () => {
    const calls: string[] = [];
    const counting: AnalyzePool = {
      ...pool,
      analyze: (inputs) => (calls.push(`objects ${inputs.length}`), pool.analyze(inputs)),
      analyzeJson: (inputs) => (calls.push(`json ${inputs.length}`), pool.analyzeJson(inputs)),
    };
    const { app, close } = await buildTestApp({}, path.join(folder, 'json.db'), { analyzePool: counting });
    const { app: plain, close: closePlain } = await buildTestApp({}, path.join(folder, 'plain.db'));
    try {
      const big = Array.from({ length: COALESCE_MIN_ALONE }, (_, index) => valid[index % valid.length]!);
      const pooled = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: big } });
      const inProcess = await plain.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: big } });
      expect(pooled.statusCode).toBe(200);
      expect(pooled.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(pooled.body).toBe(inProcess.body);
      expect(calls).toEqual([`json ${COALESCE_MIN_ALONE}`]);
    } finally {
      await close({ keepFiles: true });
      await closePlain({ keepFiles: true });
    }
  });


  it('sends batches of at least ANALYZE_POOL_MIN_COMMENTS to the threads and keeps smaller ones in-process', async () => {
    let pooledCalls = 0;
    const counting: AnalyzePool = { ...pool, analyze: (inputs) => ((pooledCalls += 1), pool.analyze(inputs)) };
    const { app, close } = await buildTestApp({}, path.join(folder, 'app.db'), { analyzePool: counting });
    try {
      expect(valid.length).toBeGreaterThanOrEqual(ANALYZE_POOL_MIN_COMMENTS);
      const batch = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: valid } });
      expect(batch.statusCode).toBe(200);
      expect(batch.json().results).toEqual(JSON.parse(JSON.stringify(await engine.analyzeBatch(valid))));
      expect(pooledCalls).toBe(1);

      const single = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: valid.slice(0, 1) } });
      expect(single.statusCode).toBe(200);
      expect(pooledCalls).toBe(1);

      // The threads hold the server's own engine: a batch for a stored taxonomy is analyzed here, with it.
      const stored = await app.inject({ method: 'PUT', url: '/v1/taxonomies/pool-test', payload: parcelTaxonomy('pool-test') });
      expect(stored.statusCode).toBeLessThan(300);
      const custom = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: valid, taxonomy: 'pool-test' } });
      expect(custom.statusCode).toBe(200);
      expect(pooledCalls).toBe(1);
      expect(custom.json().results[0].themes.map((theme: { id: string }) => theme.id)).toContain('parcel-delay');
    } finally {
      await close({ keepFiles: true });
    }
  });

  it('analyzes in-process while every thread is busy: the same bytes, no batch queued for the threads', async () => {
    let pooledCalls = 0;
    const busy: AnalyzePool = {
      workers: 1,
      busy: true,
      analyze: (inputs) => ((pooledCalls += 1), pool.analyze(inputs)),
      analyzeJson: (inputs) => ((pooledCalls += 1), pool.analyzeJson(inputs)),
      close: async () => {},
    };
    const { app, close } = await buildTestApp({}, path.join(folder, 'busy.db'), { analyzePool: busy });
    const { app: plain, close: closePlain } = await buildTestApp({}, path.join(folder, 'busy-plain.db'));
    try {
      const big = Array.from({ length: COALESCE_MIN_ALONE }, (_, index) => valid[index % valid.length]!);
      for (const payload of [{ comments: big }, { comments: valid }]) {
        const answered = await app.inject({ method: 'POST', url: '/v1/analyze', payload });
        const inProcess = await plain.inject({ method: 'POST', url: '/v1/analyze', payload });
        expect(answered.statusCode).toBe(200);
        expect(answered.body).toBe(inProcess.body);
      }
      expect(pooledCalls).toBe(0);
    } finally {
      await close({ keepFiles: true });
      await closePlain({ keepFiles: true });
    }
  });

  it('runs in a real server started with VERBATIM_ANALYZE_WORKERS', async () => {
    const config = loadServerConfig({ PORT: '0', VERBATIM_DEMO: '0', VERBATIM_ANALYZE_WORKERS: '1', VERBATIM_DB: path.join(folder, 'listen.db') });
    expect(config.analyzeWorkers).toBe(1);
    const server = await startServer(config, { engine: LIGHT_ENGINE, logger: false });
    try {
      expect(server.app.analyzePool?.workers).toBe(1);
      const response = await fetch(`${server.url}/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ comments: valid }),
      });
      expect(response.status).toBe(200);
      const { results } = (await response.json()) as { results: { id: string; sentiment?: { label: string } }[] };
      expect(results.map((line) => line.id)).toEqual(valid.map((comment) => comment.id));
      expect(results[0]!.sentiment?.label).toBe('negative');
    } finally {
      await server.close();
    }
  });

  it('rejects a worker count out of range with a coded config error', () => {
    expect(() => loadServerConfig({ VERBATIM_ANALYZE_WORKERS: '65' })).toThrow(/VERBATIM_ANALYZE_WORKERS/);
  });
});
