/**
 * Runs batches on a pool with a bounded number in flight and hands the results on strictly in
 * submission order: a reorder buffer keyed by batch sequence number. Workers may finish in any
 * order; a result waits in the buffer until every earlier batch is committed. While the buffer is
 * full no new batch is read, so a slow disk or worker slows the reader instead of filling memory.
 */

type Settled<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

/**
 * Dispatches every batch and commits every result in order; resolves when the last result is
 * committed. The first failed batch (or commit) rejects after the batches already submitted
 * settle, and nothing after it is committed.
 * @example
 * await dispatchInOrder(batches, (batch) => pool.run(batch), (result) => files.commit(result), 4);
 */
export async function dispatchInOrder<Batch, Result>(
  batches: AsyncIterable<Batch>,
  run: (batch: Batch) => Promise<Result>,
  commit: (result: Result) => Promise<void>,
  maxInFlight: number,
): Promise<void> {
  const buffer = new Map<number, Promise<Settled<Result>>>();
  let nextToSubmit = 0;
  let nextToCommit = 0;

  const commitOldest = async () => {
    const settled = await buffer.get(nextToCommit)!;
    buffer.delete(nextToCommit);
    nextToCommit += 1;
    if (!settled.ok) throw settled.error;
    await commit(settled.value);
  };

  try {
    for await (const batch of batches) {
      // Settled at once, so a failing batch is never an unhandled rejection while it waits its turn.
      const settled = run(batch).then(
        (value): Settled<Result> => ({ ok: true, value }),
        (error: unknown): Settled<Result> => ({ ok: false, error }),
      );
      buffer.set(nextToSubmit++, settled);
      while (buffer.size >= maxInFlight) await commitOldest();
    }
    while (buffer.size > 0) await commitOldest();
  } finally {
    // On failure, let the batches still running finish before the caller tears the pool down.
    await Promise.all(buffer.values());
  }
}
