/**
 * Theme discovery on a large corpus: `verbatim discover` wall time and peak RSS.
 *
 *   npx tsx bench/discover.ts [--rows 100000] [--no-sentiment] [--embedding sif|lsa|hybrid] [--seed N]
 *   (npm run bench:discover builds dist/ first)
 *
 * Writes the corpus (bench/corpus.ts) to bench/tmp/ (git-ignored; reused when already there) and
 * runs `node bin/verbatim.js discover INPUT --out THEMES -q` under /usr/bin/time -v while sampling
 * its memory from /proc. The themes file is kept in bench/tmp/ for inspection.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_SEED, writeCorpusFile } from './corpus.js';
import { BENCH_DIR, ROOT, formatNumber, machine, machineLine, writeResults, NODE_RUNTIME_FLAGS } from './lib.js';
import { runMeasured } from './process-memory.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    'no-sentiment': { type: 'boolean', default: false },
    embedding: { type: 'string' },
    seed: { type: 'string', default: String(CORPUS_SEED) },
    out: { type: 'string', default: 'discover' },
  },
});
const rows = Number(values.rows);
const seed = Number(values.seed);
const tmp = path.join(BENCH_DIR, 'tmp');
mkdirSync(tmp, { recursive: true });
const input = path.join(tmp, `corpus-${seed}-${rows}.jsonl`);
const themesFile = path.join(tmp, `themes-${rows}.json`);
if (!existsSync(input)) {
  // Written under another name first, so an interrupted run never leaves a short file to reuse.
  await writeCorpusFile(`${input}.partial`, rows, 'jsonl', seed);
  renameSync(`${input}.partial`, input);
}

const startMachine = machine();
const args = [...NODE_RUNTIME_FLAGS, path.join(ROOT, 'bin', 'verbatim.js'), 'discover', input, '--out', themesFile, '-q'];
if (values['no-sentiment']) args.push('--no-sentiment');
if (values.embedding) args.push('--embedding', values.embedding);
process.stderr.write(`discovering themes in ${formatNumber(rows)} comments: node ${args.slice(1).join(' ')}\n`);
const run = await runMeasured(process.execPath, args, { cwd: ROOT });
const endMachine = machine();
if (run.exitCode !== 0) process.stderr.write(`verbatim discover exited with ${String(run.exitCode)}:\n${run.stderrTail}\n`);
let themes: number | null = null;
try {
  const parsed = JSON.parse(readFileSync(themesFile, 'utf8')) as { themes?: unknown[] };
  themes = Array.isArray(parsed.themes) ? parsed.themes.length : null;
} catch {
  themes = null;
}

const options = `${values['no-sentiment'] ? ' --no-sentiment' : ''}${values.embedding ? ` --embedding ${values.embedding}` : ''}`;
const peakRssMiB = Math.max(run.peakRssMiB, run.timeMaxRssMiB ?? 0);
const result = {
  benchmark: 'discover',
  date: new Date().toISOString(),
  command: `npx tsx bench/discover.ts --rows ${rows}${options}`,
  machine: startMachine,
  loadAverageAtEnd: endMachine.loadAverage,
  input: { file: path.relative(ROOT, input), rows, bytes: statSync(input).size },
  exitCode: run.exitCode,
  wallSeconds: run.wallSeconds,
  peakRssMiB,
  themes,
};
const markdown = [
  '# verbatim discover',
  '',
  `${result.date} · ${machineLine(startMachine)}; load at end ${(endMachine.loadAverage as number[]).join(' / ')}.`,
  '',
  `Command: \`${result.command}\` (runs \`node bin/verbatim.js discover ${path.relative(ROOT, input)} --out ${path.relative(ROOT, themesFile)} -q${options}\`)`,
  '',
  '| comments | options | wall s | comments/s | peak RSS MiB | themes | exit |',
  '|---:|---|---:|---:|---:|---:|---:|',
  `| ${formatNumber(rows)} | ${options.trim() || 'defaults'} | ${run.wallSeconds.toFixed(1)} | ${formatNumber(rows / run.wallSeconds)} | ${formatNumber(peakRssMiB)} | ${themes ?? '?'} | ${String(run.exitCode)} |`,
  '',
].join('\n');
writeResults(values.out, result, markdown);
