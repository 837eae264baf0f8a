/**
 * Writes data/bad-records.jsonl: good records mixed with every kind of bad one, so readers and
 * shells can be tested on each error path. The oversized text is generated here rather than
 * pasted as a 20,000-character literal. Run: npx tsx scripts/make-bad-records.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One character over the default maxTextLength (src/config.ts DEFAULT_MAX_TEXT_LENGTH = 20,000). */
const OVERSIZED_LENGTH = 20_001;
const FILLER = 'The parcel was late again and nobody answered. ';

function oversizedText(): string {
  return FILLER.repeat(Math.ceil(OVERSIZED_LENGTH / FILLER.length)).slice(0, OVERSIZED_LENGTH);
}

/** Each line as written to the file: objects are serialized, strings are written verbatim. */
const LINES: (object | string)[] = [
  { id: 'b001', text: 'Delivery was quick and the driver was friendly.', score: 9 },
  '{"id": "b002", "text": "this line is cut off',
  { id: 'b003', score: 4, channel: 'survey' },
  { id: 'b004', text: 42 },
  { id: 'b005', text: oversizedText() },
  { id: 'b006', text: 'The courier left it in the rain', targets: 'courier' },
  '',
  { id: 'b008', text: '   \t  ' },
  { id: 'b009', text: '😡😡😡' },
  { id: 'b010', text: null },
  '["not", "an", "object"]',
  { id: { nested: true }, text: 'id is an object' },
  { id: 'b013', text: 'Refund took three weeks and two phone calls.', targets: ['refund'] },
];

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'bad-records.jsonl');
const body = LINES.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
writeFileSync(target, `${body}\n`, 'utf8');
console.log(`wrote ${LINES.length} lines to ${target}`);
