import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createTextProcessor } from './src/text/index.js';
const rows = parse(readFileSync('/work/shared/datasets/womens_clothing_reviews/reviews.csv'), { columns: true }) as Record<string, string>[];
const texts = rows.map(r => r['Review Text']).filter(Boolean);
const gotext = readFileSync('/work/shared/datasets/goemotions/dev.tsv', 'utf8').split('\n').map(l => l.split('\t')[0]).filter(Boolean);
const p = createTextProcessor();
for (const [name, set] of [['reviews', texts], ['goemotions', gotext]] as const) {
  let bad = 0, sentences = 0, clauses = 0, contrast = 0;
  const t0 = performance.now();
  for (const t of set) { const d = p.process(t); sentences += d.sentences.length; clauses += d.clauses.length; contrast += d.clauses.filter(c => c.role === 'after-contrast').length;
    for (const k of d.tokens) if (t.slice(k.start, k.end) !== k.text || k.end <= k.start) bad++; }
  const ms = performance.now() - t0;
  console.log(name, set.length, 'docs', Math.round(set.length / ms * 1000), '/s', { bad, sentences, clauses, contrast });
}
// show some examples
for (const t of texts.slice(0, 6)) { const d = p.process(t); console.log('---'); for (const c of d.clauses) console.log(' ', c.role.padEnd(16), c.connective ?? '', '|', t.slice(c.start, c.end)); }
