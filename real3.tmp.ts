import { readFileSync } from 'node:fs';
import { createTextProcessor } from './src/text/index.js';
const gotext = readFileSync('/work/shared/datasets/goemotions/dev.tsv', 'utf8').split('\n').map(l => l.split('\t')[0]).filter(Boolean);
const p = createTextProcessor();
let n = 0;
for (const t of gotext) { const d = p.process(t); if (d.clauses.length < 2 && !d.tokens.some(k => k.shouting)) continue; if (n++ > 22) break;
  console.log('---', d.tokens.filter(k => k.shouting).map(k => k.text).join(' '));
  for (const c of d.clauses) console.log(' ', c.sentence, c.role.padEnd(16), (c.connective ?? '').padEnd(8), '|', t.slice(c.start, c.end)); }
