import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { findPii } from './src/text/index.js';
const rows = parse(readFileSync('/work/shared/datasets/womens_clothing_reviews/reviews.csv'), { columns: true }) as Record<string, string>[];
const texts = [...rows.map(r => r['Review Text']).filter(Boolean), ...readFileSync('/work/shared/datasets/goemotions/train.tsv', 'utf8').split('\n').map(l => l.split('\t')[0])];
let n = 0; const t0 = performance.now();
for (const t of texts) for (const s of findPii(t)) { n++; if (n < 30) console.log(s.kind, JSON.stringify(t.slice(Math.max(0, s.start - 25), s.end + 10)), '=>', JSON.stringify(t.slice(s.start, s.end))); }
console.log(n, 'spans in', texts.length, 'texts', Math.round(texts.length / (performance.now() - t0) * 1000), 'texts/s');
