import type { JsMsg } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { collectPull } from '../../src/queue/worker.js';

/** A pull that yields `count` messages, then ends normally or with `error`. */
async function* pull(count: number, error?: Error): AsyncGenerator<JsMsg> {
  for (let index = 0; index < count; index++) yield { seq: index + 1 } as unknown as JsMsg;
  if (error) throw error;
}

describe('collectPull', () => {
  it('returns every message of a pull that ends normally', async () => {
    const ended: unknown[] = [];
    expect(await collectPull(pull(3), (error) => ended.push(error))).toHaveLength(3);
    expect(ended).toEqual([]);
  });

  it('keeps the messages that arrived before the pull ended in an error, and says so', async () => {
    const ended: [string, number][] = [];
    const batch = await collectPull(pull(2, new Error('heartbeats missed')), (error, kept) => ended.push([String(error), kept]));
    expect(batch.map((message) => message.seq)).toEqual([1, 2]);
    expect(ended).toEqual([['Error: heartbeats missed', 2]]);
  });

  it('rethrows when the pull brought nothing (the lane retries after a pause)', async () => {
    await expect(collectPull(pull(0, new Error('connection closed')), () => undefined)).rejects.toThrow('connection closed');
  });
});
