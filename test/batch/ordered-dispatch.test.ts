import { describe, expect, it } from 'vitest';
import { dispatchInOrder } from '../../src/batch/ordered-dispatch.js';

async function* numbers(count: number): AsyncGenerator<number> {
  for (let value = 0; value < count; value += 1) yield value;
}

/** A fake pool: batch n finishes after `delays[n]` ms, so later batches often finish first. */
function fakePool(delays: number[]) {
  let running = 0;
  let mostRunning = 0;
  const finished: number[] = [];
  const run = async (batch: number) => {
    running += 1;
    mostRunning = Math.max(mostRunning, running);
    await new Promise((resolve) => setTimeout(resolve, delays[batch % delays.length]));
    running -= 1;
    finished.push(batch);
    if (batch < 0) throw new Error('never');
    return batch * 10;
  };
  return { run, finished, mostRunning: () => mostRunning };
}

describe('dispatchInOrder', () => {
  it.each([
    { batches: 12, delays: [30, 1, 15, 5], maxInFlight: 4 },
    { batches: 9, delays: [20, 10, 1], maxInFlight: 2 },
    { batches: 5, delays: [1], maxInFlight: 1 },
  ])('commits $batches batches in order with at most $maxInFlight in flight', async ({ batches, delays, maxInFlight }) => {
    const pool = fakePool(delays);
    const committed: number[] = [];
    await dispatchInOrder(numbers(batches), pool.run, async (result) => {
      committed.push(result);
    }, maxInFlight);
    expect(committed).toEqual(Array.from({ length: batches }, (_, index) => index * 10));
    expect(pool.mostRunning()).toBeLessThanOrEqual(maxInFlight);
    if (maxInFlight > 1) expect(pool.finished).not.toEqual([...pool.finished].sort((a, b) => a - b));
  });

  it('stops at the first failed batch: earlier ones are committed, later ones are not', async () => {
    const committed: number[] = [];
    const run = async (batch: number) => {
      await new Promise((resolve) => setTimeout(resolve, batch === 3 ? 1 : 10));
      if (batch === 3) throw new Error('worker crashed');
      return batch;
    };
    await expect(dispatchInOrder(numbers(8), run, async (result) => {
      committed.push(result);
    }, 4)).rejects.toThrow('worker crashed');
    expect(committed).toEqual([0, 1, 2]);
  });

  it('stops when a commit fails', async () => {
    const committed: number[] = [];
    const commit = async (result: number) => {
      if (result === 2) throw new Error('disk full');
      committed.push(result);
    };
    await expect(dispatchInOrder(numbers(6), async (batch) => batch, commit, 2)).rejects.toThrow('disk full');
    expect(committed).toEqual([0, 1]);
  });
});
