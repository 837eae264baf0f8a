/**
 * The whole benchmark suite, one script after another (each in its own process, so none inherits
 * another's heap or caches), then bench/results/SUMMARY.md from their result files.
 *
 *   npx tsx bench/run-all.ts [--quick] [--skip tag,http]   (--skip all eight: only rebuild SUMMARY.md)
 *   (npm run bench builds dist/ first)
 *
 * Default sizes are the issue's: 10k comments per stage, 1M rows for tag, 100k for discovery.
 * --quick uses small sizes (a smoke run of every script in a few minutes; its figures are not the
 * bars'). See bench/README.md for how long the full suite takes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, ROOT, compiledBenchScript, machine, machineLine, NODE_RUNTIME_FLAGS } from './lib.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
  },
});
const skip = new Set(values.skip.split(',').filter(Boolean));
const quick = values.quick;

/**
 * The suite: name, script and arguments (full size, then --quick size). `compiled` steps time the
 * pipeline in their own process: they run compiled (bench-build/) under plain node, as the product
 * runs (lib.ts compiledBenchScript); the others drive products that are plain node already.
 */
const SUITE: { name: string; args: string[]; node?: string[]; compiled?: boolean }[] = [
  { name: 'stages', node: ['--expose-gc', ...NODE_RUNTIME_FLAGS], args: ['bench/stages.ts', '--size', quick ? '2000' : '10000', '--runs', quick ? '2' : '5'] },
  { name: 'profile', node: NODE_RUNTIME_FLAGS, compiled: true, args: ['bench/profile.ts', '--size', quick ? '2000' : '10000', '--runs', quick ? '1' : '3'] },
  { name: 'memory', node: ['--expose-gc', ...NODE_RUNTIME_FLAGS], args: ['bench/memory.ts', '--matrix', '--comments', quick ? '2000' : '10000'] },
  { name: 'allocations', node: NODE_RUNTIME_FLAGS, compiled: true, args: ['bench/allocations.ts', '--size', quick ? '2000' : '10000'] },
  { name: 'http', args: ['bench/http.ts', '--duration', quick ? '5' : '20', '--warmup', quick ? '1' : '5'] },
  // The same server with 2 analyze threads, 100-comment batches only: the throughput-for-memory trade.
  { name: 'http-pool', args: ['bench/http.ts', '--workers', '2', '--scenarios', 'batch-100', '--out', 'http-pool', '--duration', quick ? '5' : '20', '--warmup', quick ? '1' : '5'] },
  { name: 'discover', args: ['bench/discover.ts', '--rows', quick ? '10000' : '100000'] },
  { name: 'tag', args: ['bench/tag.ts', '--rows', quick ? '20000' : '1000000', '--runs', quick ? '1' : '3'] },
];

const started = Date.now();
const timings: string[] = [];
for (const step of SUITE) {
  if (skip.has(step.name)) continue;
  const stepStarted = Date.now();
  const [script, ...rest] = step.args;
  const argv = step.compiled
    ? [...(step.node ?? []), path.relative(ROOT, compiledBenchScript(path.basename(script!, '.ts'))), ...rest]
    : [...(step.node ?? []), '--import', 'tsx', ...step.args];
  process.stderr.write(`\n== ${step.name}: node ${argv.join(' ')}\n`);
  const run = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'inherit' });
  const seconds = (Date.now() - stepStarted) / 1000;
  timings.push(`| ${step.name} | ${seconds.toFixed(0)} | ${run.status === 0 ? 'ok' : `exit ${String(run.status)}`} |`);
  if (run.status !== 0) process.stderr.write(`${step.name} failed (exit ${String(run.status)}); going on with the rest\n`);
}

const results = path.join(BENCH_DIR, 'results');
const parts = ['stages', 'tag', 'http', 'http-pool', 'discover', 'memory', 'allocations', 'profile']
  .map((name) => path.join(results, `${name}.md`))
  .filter((file) => existsSync(file))
  .map((file) => readFileSync(file, 'utf8').replace(/^# /, '## '));
const summary = [
  '# Benchmark summary',
  '',
  `Suite run ${new Date().toISOString()}${quick ? ' (--quick sizes)' : ''} on ${machineLine(machine())} (at the end); ${((Date.now() - started) / 60_000).toFixed(1)} minutes.`,
  '',
  ...(timings.length > 0 ? ['| script | seconds | status |', '|---|---:|---|', ...timings, ''] : ['(Nothing run: the summary was rebuilt from the result files, each with its own date.)', '']),
  ...parts,
].join('\n');
writeFileSync(path.join(results, 'SUMMARY.md'), summary);
process.stdout.write(`\nwrote ${path.relative(ROOT, path.join(results, 'SUMMARY.md'))}\n`);
