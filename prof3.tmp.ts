import { createTextProcessor } from './src/text/index.js';
const base = ["Honestly the delivery was sooo late but the staff were friendly!!! 😡", "UPS is SO SLOW; the app wasnt helpful. Although my refund was fine, checkout is expensive :)", "the price has been great - the box seemed crushed #fail", "OMG the driver is SO rude. my refund has been terrible, though support was helpful @support"];
const comments = Array.from({length: 20000}, (_, i) => base[i % 4] + ' ' + (i % 7 ? '' : 'ok'));
const p = createTextProcessor();
for (let r = 0; r < 8; r++) { for (const c of comments) p.process(c); }
