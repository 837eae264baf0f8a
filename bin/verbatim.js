#!/usr/bin/env -S node --max-semi-space-size=64
// The flag above: a 64 MB young-generation semi-space (V8's default is 16 MB). A batch keeps its
// comments' tokens alive until it is assembled, and with the default size every scavenge copied
// them and promoted them to the old space: the pipeline took ~1.6x more CPU per comment (README,
// "Benchmarks"). `npm run verbatim`, `npm start` and the tag workers (src/batch/pool.ts) set it too.
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('verbatim: dist/ is missing; run `npm install` or `npm run build` in the project first.\n');
  process.exit(2);
}
// A closed pipe (`verbatim analyze big.jsonl | head`) is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
