import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../src/server/config.js';

// The real server as `npm start` runs it (compiled dist/, 256 MB old space): memory limits are the point.
const ROOT = path.resolve(import.meta.dirname, '../..');
const START_FLAGS = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start.split(' ').slice(1) as string[];

/** Sample comments repeated into `count` comments of ~`length` characters, each different. */
function longComments(count: number, length: number): { id: string; text: string }[] {
  const sample = readFileSync(path.join(ROOT, 'data', 'sample.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
  return Array.from({ length: count }, (_, index) => {
    let text = '';
    for (let next = index; text.length < length; next += 1) text += `${sample[next % sample.length]} `;
    return { id: `long-${index}`, text: text.slice(0, length) };
  });
}

describe('POST /v1/analyze with a body of long comments near the size limit', () => {
  let server: ChildProcess;
  let url = '';
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-large-'));
    server = spawn(process.execPath, START_FLAGS, {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VERBATIM_DEMO: '0', VERBATIM_DB: path.join(dir, 'store.sqlite') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /"url":"(http:\/\/[^"]+)"/.exec(seen);
        if (match) resolve(match[1]!);
      });
      server.once('exit', (code) => reject(new Error(`server exited with ${String(code)}: ${seen}`)));
    });
  }, 60_000);
  afterAll(() => {
    server?.kill();
  });

  it('answers 200 for every comment and keeps running (one batch of it used to exhaust the heap)', async () => {
    // 240 comments of 19,000 characters: ~4.6 MB of JSON, inside the 5 MB body limit.
    const comments = longComments(240, 19_000);
    const body = JSON.stringify({ comments });
    expect(Buffer.byteLength(body)).toBeLessThan(DEFAULT_BODY_LIMIT_BYTES);
    const response = await fetch(`${url}/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: { id: string; sentences?: unknown[] }[] };
    expect(results.map((result) => result.id)).toEqual(comments.map((comment) => comment.id));
    expect(results.every((result) => (result.sentences?.length ?? 0) > 10)).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(server.exitCode).toBeNull();
  }, 120_000);
});
