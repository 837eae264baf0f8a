/**
 * Accuracy of the sentiment the engine gives each theme it finds, against hand labels: each line
 * of the file is {"id", "text", "themes": {"theme-id": "positive" | "negative" | "neutral" | "mixed"}}.
 * Only themes both labelled and found are scored (theme recall is scripts/check-themes.ts's job);
 * the document's own label on the same themes is printed beside, as the baseline a per-theme
 * reading must beat.
 *
 *   npx tsx scripts/check-theme-sentiment.ts [--file data/dev/theme-sentiment-dev2.jsonl] [--verbose]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/engine.js';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'data/dev/theme-sentiment-dev2.jsonl' },
    verbose: { type: 'boolean', default: false },
  },
});

interface LabelledLine {
  id: string;
  text: string;
  themes: Record<string, string>;
}

const LABELS = ['positive', 'negative', 'neutral', 'mixed'];
const lines = readFileSync(values.file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, index) => {
    const parsed = JSON.parse(line) as LabelledLine;
    for (const [theme, label] of Object.entries(parsed.themes)) {
      if (!LABELS.includes(label)) throw new Error(`${values.file}:${index + 1}: theme ${theme} has label "${label}", expected one of ${LABELS.join(', ')}`);
    }
    return parsed;
  });

const engine = await createEngine({});
const results = await engine.analyzeBatch(lines.map((line) => ({ id: line.id, text: line.text })));
let scored = 0;
let right = 0;
let documentRight = 0;
const confusion = new Map<string, number>();
for (let index = 0; index < lines.length; index += 1) {
  const line = lines[index]!;
  const result = results[index]!;
  if (!('themes' in result)) continue;
  for (const theme of result.themes) {
    const gold = line.themes[theme.id];
    if (gold === undefined) continue;
    scored += 1;
    if (theme.sentiment.label === gold) right += 1;
    if (result.sentiment.label === gold) documentRight += 1;
    const key = `${gold} -> ${theme.sentiment.label}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    if (values.verbose && theme.sentiment.label !== gold) {
      console.log(`${line.id} ${theme.id}: gold ${gold}, theme ${theme.sentiment.label} (${theme.sentiment.score}), document ${result.sentiment.label} | ${line.text}`);
    }
  }
}
const share = (count: number): string => (scored === 0 ? '-' : `${((100 * count) / scored).toFixed(1)} %`);
console.log(`${values.file}: ${lines.length} comments, ${scored} labelled themes found by the engine`);
console.log(`theme sentiment accuracy ${share(right)}; the document's label on the same themes ${share(documentRight)}`);
console.log([...confusion].sort((a, b) => b[1] - a[1]).map(([key, count]) => `  ${key}: ${count}`).join('\n'));
await engine.close();
