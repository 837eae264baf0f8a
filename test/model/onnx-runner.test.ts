import { describe, expect, it } from 'vitest';
import { BATCH_SIZE, MAX_CELLS, lengthBatches } from '../../src/model/onnx-runner.js';
import { loadEmotionModel } from '../../src/model/emotion-model.js';

describe('lengthBatches', () => {
  it('keeps every row once, in order, within the row and padded-cell budgets', () => {
    const lengths = [...Array.from({ length: 600 }, (_, index) => 1 + (index % 40)), 3_000, 20_000, 0];
    const order = lengths.map((_, index) => index).sort((left, right) => lengths[left]! - lengths[right]!);
    const batches = lengthBatches(order, (row) => lengths[row]!);
    expect(batches.flat()).toEqual(order);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(BATCH_SIZE);
      const width = Math.max(1, lengths[batch[batch.length - 1]!]!);
      // A row wider than the budget travels alone; otherwise the padded batch fits.
      if (batch.length > 1) expect(batch.length * width).toBeLessThanOrEqual(MAX_CELLS);
    }
    expect(batches.some((batch) => batch.length === 1 && lengths[batch[0]!] === 20_000)).toBe(true);
  });

  it('does not pad many short rows to one long row, nor split rows of one length', () => {
    const lengths = [...Array.from({ length: 150 }, () => 12), 96];
    const order = lengths.map((_, index) => index);
    expect(lengthBatches(order, (row) => lengths[row]!)).toEqual([order.slice(0, 150), [150]]);
    // A few rows a little longer are worth padding rather than a call of their own.
    const close = [...Array.from({ length: 150 }, () => 12), 13, 13];
    expect(lengthBatches(close.map((_, index) => index), (row) => close[row]!)).toHaveLength(1);
  });
});

describe('bag runner batching', () => {
  it('gives a short comment the same scores whether a very long one shares its call or not', async () => {
    const model = await loadEmotionModel();
    const short = ['thank you so much, the courier was lovely', 'why is my refund still not here?'];
    const long = 'the parcel was late again and nobody answered the phone. '.repeat(400);
    const alone = await model.scores(short);
    const together = await model.scores([long, ...short]);
    const classes = model.meta.labels.length;
    for (let cell = 0; cell < alone.length; cell++) expect(together[classes + cell]).toBeCloseTo(alone[cell]!, 6);
  });
});
