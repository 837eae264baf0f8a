import { readFileSync } from 'node:fs';
import { createTextProcessor } from './src/text/index.js';
const gotext = readFileSync('/work/shared/datasets/goemotions/train.tsv', 'utf8').split('\n').map(l => l.split('\t')[0]).filter(Boolean).slice(0, 20000);
const p = createTextProcessor();
for (let r = 0; r < 3; r++) { const t0 = performance.now(); for (const t of gotext) p.process(t); console.log(Math.round(gotext.length / (performance.now() - t0) * 1000)); }
