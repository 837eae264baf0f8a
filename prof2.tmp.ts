import { createTextProcessor } from './src/text/index.js';
const base = ["Honestly the delivery was sooo late but the staff were friendly!!! 😡", "UPS is SO SLOW; the app wasnt helpful. Although my refund was fine, checkout is expensive :)", "the price has been great - the box seemed crushed #fail"];
const comments = Array.from({length: 20000}, (_, i) => base[i % 3] + ' ' + i);
const p = createTextProcessor();
for (let r = 0; r < 5; r++) { const t = performance.now(); for (const c of comments) p.process(c); console.log(Math.round(20000 / (performance.now() - t) * 1000)); }
