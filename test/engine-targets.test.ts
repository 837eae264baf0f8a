import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../src/engine.js';
import { isErrorResult, type AnalysisResult } from '../src/contract.js';

// The default engine: the combined scorer, whose target sentiment comes from the aspect model.
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ emotions: { enabled: false } });
});

const comments = [
  { id: 'a', text: 'The food was superb but the waiter ignored us for an hour.', targets: ['food', 'waiter'] },
  { id: 'b', text: 'Delivery was quick, the courier was rude, and the app crashed twice.', targets: ['courier', 'app', 'refund'] },
  { id: 'c', text: 'no targets in this one, just a fine experience' },
  { id: 'd', text: 'Support was helpful. Support was also slow.', targets: ['Support'] },
];

describe('engine target sentiment (aspect model)', () => {
  it('scores every mention of a batch as it scores each comment alone (span scores are batched across comments)', async () => {
    const batch = await engine.analyzeBatch(comments);
    for (const [index, comment] of comments.entries()) {
      const alone = await engine.analyze(comment);
      expect(batch[index]).toEqual(alone);
    }
    const first = batch[0] as AnalysisResult;
    expect(first.targets.map((target) => target.found && target.sentiment?.label)).toEqual(['positive', 'negative']);
    const second = batch[1] as AnalysisResult;
    expect(second.targets.map((target) => target.found)).toEqual([true, true, false]);
    expect(second.targets[1]?.sentiment?.label).toBe('negative');
  });

  it('keeps the other comments and their targets when one record of the batch is rejected', async () => {
    const lines = await engine.analyzeBatch([
      comments[0]!,
      { id: 'bad', text: 'x'.repeat(engine.config.maxTextLength + 1), targets: ['x'] },
      comments[1]!,
    ]);
    expect(isErrorResult(lines[1]!)).toBe(true);
    expect(lines[0]).toEqual(await engine.analyze(comments[0]!));
    expect(lines[2]).toEqual(await engine.analyze(comments[1]!));
  });

  it("judges a single mention by its own score: the clause's other opinions do not make it mixed", async () => {
    // "love" and "hate" sit in the same clause as "battery"; read as parts they made it mixed.
    const result = await engine.analyze({ text: 'I love the screen, hate the keyboard and the battery is okay', targets: ['battery'] });
    const target = result.targets[0]!;
    expect(target.found && ['positive', 'neutral']).toContain(target.found && target.sentiment?.label);
  });
});
