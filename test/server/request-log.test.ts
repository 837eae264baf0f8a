import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadServerConfig } from '../../src/server/config.js';
import { openStore } from '../../src/store/index.js';
import type { FeedbackStore } from '../../src/store/store.js';
import { testEngine } from './helpers.js';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

/** An app logging JSON lines into an array, with VERBATIM_REQUEST_LOG as given. */
async function loggingApp(requestLog: string): Promise<{ inject: (url: string) => Promise<number>; warn: (message: string) => void; messages: () => string[] }> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const config = loadServerConfig({ VERBATIM_DEMO: '0', VERBATIM_DB: ':memory:', VERBATIM_REQUEST_LOG: requestLog });
  const store: FeedbackStore = await openStore(config.dbPath);
  const app = await buildApp({ config, engine: await testEngine(), store, logger: { level: 'info', stream } });
  close = async () => {
    await app.close();
    await store.close();
  };
  return {
    inject: async (url) => (await app.inject({ method: 'GET', url })).statusCode,
    warn: (message) => app.log.warn(message),
    messages: () => lines.map((line) => (JSON.parse(line) as { msg: string }).msg),
  };
}

describe('VERBATIM_REQUEST_LOG', () => {
  it('logs each request arriving and answered by default', async () => {
    const app = await loggingApp('1');
    expect(await app.inject('/healthz')).toBe(200);
    expect(app.messages()).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
  });

  it('leaves them out when 0, and keeps the other lines', async () => {
    const app = await loggingApp('0');
    expect(await app.inject('/healthz')).toBe(200);
    app.warn('something to look at');
    expect(app.messages()).toEqual(['something to look at']);
  });
});
