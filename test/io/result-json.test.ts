import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult, ResultLine } from '../../src/contract.js';
import { createEngine, type Engine, type EngineInput } from '../../src/engine.js';
import { JsonBytes } from '../../src/io/json-bytes.js';
import { writeResultArray, writeResultLine, writeResultLines } from '../../src/io/result-json.js';

const SAMPLE = readFileSync(new URL('../../data/sample.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { id: string; text: string; [key: string]: unknown });

function bytesOf(line: ResultLine): string {
  const out = new JsonBytes(64);
  writeResultLine(out, line);
  return out.take().toString('utf8');
}

/**
 * The tag command writes result lines as bytes instead of JSON.stringify: the bytes must be the
 * same for every shape a result line takes (optional keys present and absent, error lines,
 * numeric ids, strings that need escaping).
 */
describe('writeResultLine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ redact: true, themes: { useEmbeddings: false } });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('writes what JSON.stringify writes for every line of the sample, with targets, redaction and emotions', async () => {
    const inputs: EngineInput[] = SAMPLE.map(({ id, text, ...metadata }, index) => ({
      id: index % 3 === 0 ? index : id,
      text,
      metadata,
      targets: index % 4 === 0 ? [text.split(' ')[0]!, 'not in the text'] : undefined,
    }));
    inputs.push({ id: 'long', text: 'x'.repeat(engine.config.maxTextLength + 1) }, { text: '   ' }, { id: 'pii', text: 'Mail jane@example.com about the "late" invoice \\ please' });
    const lines = await engine.analyzeBatch(inputs);
    expect(lines.some((line) => 'error' in line)).toBe(true);
    expect(lines.some((line) => !('error' in line) && line.targets.some((target) => target.found))).toBe(true);
    expect(lines.some((line) => !('error' in line) && (line.emotions?.length ?? 0) > 0)).toBe(true);
    for (const line of lines) expect(bytesOf(line)).toBe(JSON.stringify(line));

    const out = new JsonBytes(256);
    writeResultLines(out, lines);
    expect(out.take().toString('utf8')).toBe(lines.map((line) => JSON.stringify(line) + '\n').join(''));

    for (const list of [lines, lines.slice(0, 1), []]) {
      const array = new JsonBytes(64);
      writeResultArray(array, list);
      expect(array.take().toString('utf8')).toBe(JSON.stringify(list));
    }
  });

  it('escapes custom labels, ids and target texts as JSON.stringify does, and leaves out absent keys', async () => {
    const [line] = await engine.analyzeBatch([{ id: 'q"uote', text: 'The delivery was late and the refund never came 👎', targets: ['refund'] }]);
    const result = structuredClone(line) as AnalysisResult;
    expect(result.themes.length).toBeGreaterThan(0);
    result.themes[0]!.label = 'Délivery "and" \\ returns\n\u0001 🚚';
    result.themes[0]!.id = 'livraison\u2028';
    result.targets.push({ text: 'absent "one"', found: false });
    delete result.emotions;
    result.metadata = { nested: { list: [1, 0.5, null, 'é'] }, skipped: undefined };
    expect(bytesOf(result)).toBe(JSON.stringify(result));
  });
});
