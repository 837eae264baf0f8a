/**
 * `verbatim tag` end to end on a large generated file with all cores: rows/s, wall time, peak RSS.
 *
 *   npx tsx bench/tag.ts [--rows 1000000] [--workers 2] [--runs 1] [--format jsonl|csv] [--scorer NAME] [--batch-size N] [--batch-chars N] [--keep]
 *   (npm run bench:tag builds dist/ first)
 *
 * Writes the corpus (bench/corpus.ts) to bench/tmp/ (git-ignored; reused when already there), runs
 * `node bin/verbatim.js tag INPUT --out OUTPUT --workers N -q` under /usr/bin/time -v while sampling
 * the process's memory from /proc, and deletes the output afterwards unless --keep. Worker threads
 * share the one process, so its RSS is the whole job's. Each thread's CPU time is sampled too
 * (thread-cpu.ts): the workers, the main thread and the helper threads, start-up included.
 * With --runs N the job runs N times in a row and the headline is the median run (by wall time):
 * on the shared 2-core machine the same job has taken 57 s and then 72 s back to back, so one run
 * says little about the bar (the suite runs three).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_SEED, writeCorpusFile } from './corpus.js';
import { BENCH_DIR, ROOT, formatNumber, machine, machineLine, writeResults, NODE_RUNTIME_FLAGS } from './lib.js';
import { runMeasured } from './process-memory.js';
import { splitCpu } from './thread-cpu.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '1' },
    format: { type: 'string', default: 'jsonl' },
    scorer: { type: 'string' },
    'batch-size': { type: 'string' },
    'batch-chars': { type: 'string' },
    seed: { type: 'string', default: String(CORPUS_SEED) },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'tag' },
  },
});
const rows = Number(values.rows);
const format = values.format === 'csv' ? 'csv' : 'jsonl';
const seed = Number(values.seed);
const tmp = path.join(BENCH_DIR, 'tmp');
mkdirSync(tmp, { recursive: true });
const input = path.join(tmp, `corpus-${seed}-${rows}.${format}`);
const output = path.join(tmp, `tagged-${rows}.${format}`);

const generateStarted = process.hrtime.bigint();
if (!existsSync(input)) {
  // Written under another name first, so an interrupted run never leaves a short file to reuse.
  await writeCorpusFile(`${input}.partial`, rows, format, seed);
  renameSync(`${input}.partial`, input);
}
const generateSeconds = Number(process.hrtime.bigint() - generateStarted) / 1e9;
/** The files a run leaves: its output, checkpoint and error file. */
const removeJobFiles = (): void => {
  for (const file of [output, `${output}.checkpoint.json`, `${output}.errors.jsonl`]) rmSync(file, { force: true });
};

const startMachine = machine();
const args = [...NODE_RUNTIME_FLAGS, path.join(ROOT, 'bin', 'verbatim.js'), 'tag', input, '--out', output, '--workers', values.workers, '-q'];
if (values.scorer) args.push('--scorer', values.scorer);
if (values['batch-size']) args.push('--batch-size', values['batch-size']);
if (values['batch-chars']) args.push('--batch-chars', values['batch-chars']);
const runCount = Math.max(1, Number(values.runs) || 1);
const workers = Number(values.workers);

/** One run of the job, from no output files: its measures, the output's size, the CPU split by thread. */
async function runOnce(index: number) {
  removeJobFiles();
  process.stderr.write(`tagging ${formatNumber(rows)} rows (run ${index + 1} of ${runCount}): node ${args.slice(1).join(' ')}\n`);
  const run = await runMeasured(process.execPath, args, { cwd: ROOT });
  const outputBytes = existsSync(output) ? statSync(output).size : 0;
  if (run.exitCode !== 0) process.stderr.write(`verbatim tag exited with ${String(run.exitCode)}:\n${run.stderrTail}\n`);
  const cpu = splitCpu(run.threads, workers);
  return {
    exitCode: run.exitCode,
    wallSeconds: run.wallSeconds,
    rowsPerSecond: rows / run.wallSeconds,
    peakRssMiB: run.peakRssMiB,
    timeMaxRssMiB: run.timeMaxRssMiB,
    outputBytes,
    cpu: { ...cpu, microsecondsPerRow: (cpu.totalSeconds * 1e6) / rows },
  };
}

const runs: Awaited<ReturnType<typeof runOnce>>[] = [];
for (let index = 0; index < runCount; index++) runs.push(await runOnce(index));
// --keep keeps the last run's files (each run starts by removing the one before's).
if (!values.keep) removeJobFiles();
const endMachine = machine();
const byWall = [...runs].sort((left, right) => left.wallSeconds - right.wallSeconds);
const run = byWall[(byWall.length - 1) >> 1]!;
const { cpu, rowsPerSecond, outputBytes } = run;
/** The first run that failed (its exit code is the benchmark's), if any. */
const failed = runs.find((one) => one.exitCode !== 0);
const withinBar = (one: (typeof runs)[number]): boolean => one.wallSeconds <= 60 && one.exitCode === 0;
const seconds = (value: number): string => value.toFixed(1);
const result = {
  benchmark: 'tag',
  date: new Date().toISOString(),
  command: `npx tsx bench/tag.ts --rows ${rows} --workers ${values.workers} --runs ${runCount} --format ${format}${values.scorer ? ` --scorer ${values.scorer}` : ''}${values['batch-size'] ? ` --batch-size ${values['batch-size']}` : ''}${values['batch-chars'] ? ` --batch-chars ${values['batch-chars']}` : ''}`,
  machine: startMachine,
  loadAverageAtEnd: endMachine.loadAverage,
  input: { file: path.relative(ROOT, input), rows, format, bytes: statSync(input).size, generatedSeconds: generateSeconds },
  workers,
  scorer: values.scorer ?? 'default (combined, emotions on)',
  // The median run's figures (by wall time); every run is in `runs`.
  exitCode: failed ? failed.exitCode : 0,
  wallSeconds: run.wallSeconds,
  rowsPerSecond,
  peakRssMiB: Math.max(...runs.map((one) => one.peakRssMiB)),
  timeMaxRssMiB: runs.some((one) => one.timeMaxRssMiB !== null) ? Math.max(...runs.map((one) => one.timeMaxRssMiB ?? 0)) : null,
  outputBytes,
  cpu,
  runs,
  bar: {
    rows: 1_000_000,
    maxSeconds: 60,
    met: rows >= 1_000_000 ? withinBar(run) && failed === undefined : null,
    runsWithin: rows >= 1_000_000 ? runs.filter(withinBar).length : null,
  },
};
const markdown = [
  '# verbatim tag, end to end',
  '',
  `${result.date} · ${machineLine(startMachine)}; load at end ${(endMachine.loadAverage as number[]).join(' / ')}.`,
  '',
  `Command: \`${result.command}\` (runs \`node bin/verbatim.js tag ${path.relative(ROOT, input)} --out ${path.relative(ROOT, output)} --workers ${values.workers} -q\`)`,
  '',
  '| run | rows | format | workers | scorer | wall s | rows/s | CPU µs per row | peak RSS MiB (whole process, all workers) | output MB | exit |',
  '|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|',
  ...runs.map(
    (one, index) =>
      `| ${index + 1}${one === run && runs.length > 1 ? ' (median)' : ''} | ${formatNumber(rows)} | ${format} | ${values.workers} | ${result.scorer} | ${one.wallSeconds.toFixed(1)} | ${formatNumber(one.rowsPerSecond)} | ${formatNumber(one.cpu.microsecondsPerRow)} | ${formatNumber(Math.max(one.peakRssMiB, one.timeMaxRssMiB ?? 0))} | ${formatNumber(one.outputBytes / 1e6)} | ${String(one.exitCode)} |`,
  ),
  '',
  `CPU of the ${runs.length > 1 ? 'median run' : 'run'} (per thread, from /proc): workers ${cpu.workerSeconds.map(seconds).join(' + ')} s, main thread (read, parse, write) ${seconds(cpu.mainSeconds)} s, other threads (V8's GC and compiler helpers, libuv) ${seconds(cpu.otherSeconds)} s; ${seconds(cpu.totalSeconds)} s in all, ${formatNumber((cpu.totalSeconds * 1e6) / rows)} µs per row.`,
  '',
  rows >= 1_000_000
    ? `Bar: 1M rows in <= 60 s on the 2-core machine: ${result.bar.met ? 'MET' : 'NOT MET'} (${runs.length > 1 ? `median of ${runs.length} runs ${run.wallSeconds.toFixed(1)} s; ${String(result.bar.runsWithin)} of ${runs.length} within 60 s` : `${run.wallSeconds.toFixed(1)} s`}).`
    : `Bar (1M rows in <= 60 s) not checked: ${formatNumber(rows)} rows; at this rate 1M rows would take ${(1_000_000 / rowsPerSecond).toFixed(0)} s.`,
  '',
].join('\n');
writeResults(values.out, result, markdown);
