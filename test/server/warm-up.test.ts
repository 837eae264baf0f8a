import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine, EngineInput } from '../../src/engine.js';
import type { AnalyzePool } from '../../src/server/analyze-pool.js';
import { readWarmUpTexts, warmUpEngine, WARM_UP_FILE } from '../../src/server/warm-up.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'verbatim-warm-up-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** An engine that records the batches it is given (the warm-up only calls analyzeBatch). */
function recordingEngine(): { engine: Engine; batches: EngineInput[][] } {
  const batches: EngineInput[][] = [];
  const engine = {
    analyzeBatch: async (inputs: readonly EngineInput[]) => {
      batches.push([...inputs]);
      return [];
    },
  } as unknown as Engine;
  return { engine, batches };
}

describe('readWarmUpTexts', () => {
  it('reads the shipped CX development comments', async () => {
    const texts = await readWarmUpTexts(WARM_UP_FILE);
    expect(texts.length).toBeGreaterThanOrEqual(300);
    expect(texts.every((text) => text.trim().length > 0)).toBe(true);
  });

  it('skips blank, broken and text-less lines, and gives nothing for a missing file', async () => {
    const file = path.join(folder, 'mixed.jsonl');
    writeFileSync(file, ['{"text":"late again"}', '', '{not json', '{"text":"   "}', '{"comment":"no text field"}', '{"text":"great support"}'].join('\n'));
    expect(await readWarmUpTexts(file)).toEqual(['late again', 'great support']);
    expect(await readWarmUpTexts(path.join(folder, 'absent.jsonl'))).toEqual([]);
  });
});

describe('warmUpEngine', () => {
  it('analyzes every comment alone and then in batches, each round, and counts them', async () => {
    const { engine, batches } = recordingEngine();
    const texts = Array.from({ length: 70 }, (_, index) => `comment ${index}`);
    const summary = await warmUpEngine(engine, null, texts, 2);
    expect(summary.comments).toBe(2 * 2 * 70);
    // Per round: 70 single-comment batches, then batches of at most 64 (64 + 6).
    const sizes = batches.map((batch) => batch.length);
    const round = [...Array(70).fill(1), 64, 6];
    expect(sizes).toEqual([...round, ...round]);
    expect(batches.flat().every((input) => texts.includes(input.text))).toBe(true);
  });

  it('sends the comments through the analyze pool too when there is one', async () => {
    const { engine } = recordingEngine();
    const pooled: number[] = [];
    const pool: AnalyzePool = {
      workers: 2,
      busy: false,
      analyze: async () => expect.unreachable('the threads are warmed through analyzeJson'),
      analyzeJson: async (inputs: readonly EngineInput[]) => (pooled.push(inputs.length), new Uint8Array()),
      close: async () => undefined,
    };
    await warmUpEngine(engine, pool, ['a', 'b', 'c'], 3);
    expect(pooled).toEqual([3, 3, 3]);
  });

  it('does nothing without comments', async () => {
    const { engine, batches } = recordingEngine();
    expect((await warmUpEngine(engine, null, [])).comments).toBe(0);
    expect(batches).toEqual([]);
  });
});
