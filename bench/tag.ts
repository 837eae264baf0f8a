/**
 * `verbatim tag` end to end on a large generated file with all cores: rows/s, wall time, peak RSS.
 *
 *   npx tsx bench/tag.ts [--rows 1000000] [--workers 2] [--format jsonl|csv] [--scorer NAME] [--batch-size N] [--batch-chars N] [--keep]
 *   (npm run bench:tag builds dist/ first)
 *
 * Writes the corpus (bench/corpus.ts) to bench/tmp/ (git-ignored; reused when already there), runs
 * `node bin/verbatim.js tag INPUT --out OUTPUT --workers N -q` under /usr/bin/time -v while sampling
 * the process's memory from /proc, and deletes the output afterwards unless --keep. Worker threads
 * share the one process, so its RSS is the whole job's. Each thread's CPU time is sampled too
 * (thread-cpu.ts): the workers, the main thread and the helper threads, start-up included.
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
for (const file of [output, `${output}.checkpoint.json`, `${output}.errors.jsonl`]) rmSync(file, { force: true });

const startMachine = machine();
const args = [...NODE_RUNTIME_FLAGS, path.join(ROOT, 'bin', 'verbatim.js'), 'tag', input, '--out', output, '--workers', values.workers, '-q'];
if (values.scorer) args.push('--scorer', values.scorer);
if (values['batch-size']) args.push('--batch-size', values['batch-size']);
if (values['batch-chars']) args.push('--batch-chars', values['batch-chars']);
process.stderr.write(`tagging ${formatNumber(rows)} rows: node ${args.slice(1).join(' ')}\n`);
const run = await runMeasured(process.execPath, args, { cwd: ROOT });
const endMachine = machine();
const outputBytes = existsSync(output) ? statSync(output).size : 0;
if (!values.keep) for (const file of [output, `${output}.checkpoint.json`, `${output}.errors.jsonl`]) rmSync(file, { force: true });
if (run.exitCode !== 0) process.stderr.write(`verbatim tag exited with ${String(run.exitCode)}:\n${run.stderrTail}\n`);

const rowsPerSecond = rows / run.wallSeconds;
const cpu = splitCpu(run.threads, Number(values.workers));
const seconds = (value: number): string => value.toFixed(1);
const result = {
  benchmark: 'tag',
  date: new Date().toISOString(),
  command: `npx tsx bench/tag.ts --rows ${rows} --workers ${values.workers} --format ${format}${values.scorer ? ` --scorer ${values.scorer}` : ''}${values['batch-size'] ? ` --batch-size ${values['batch-size']}` : ''}${values['batch-chars'] ? ` --batch-chars ${values['batch-chars']}` : ''}`,
  machine: startMachine,
  loadAverageAtEnd: endMachine.loadAverage,
  input: { file: path.relative(ROOT, input), rows, format, bytes: statSync(input).size, generatedSeconds: generateSeconds },
  workers: Number(values.workers),
  scorer: values.scorer ?? 'default (combined, emotions on)',
  exitCode: run.exitCode,
  wallSeconds: run.wallSeconds,
  rowsPerSecond,
  peakRssMiB: run.peakRssMiB,
  timeMaxRssMiB: run.timeMaxRssMiB,
  outputBytes,
  cpu: { ...cpu, microsecondsPerRow: (cpu.totalSeconds * 1e6) / rows },
  bar: { rows: 1_000_000, maxSeconds: 60, met: rows >= 1_000_000 ? run.wallSeconds <= 60 && run.exitCode === 0 : null },
};
const markdown = [
  '# verbatim tag, end to end',
  '',
  `${result.date} · ${machineLine(startMachine)}; load at end ${(endMachine.loadAverage as number[]).join(' / ')}.`,
  '',
  `Command: \`${result.command}\` (runs \`node bin/verbatim.js tag ${path.relative(ROOT, input)} --out ${path.relative(ROOT, output)} --workers ${values.workers} -q\`)`,
  '',
  '| rows | format | workers | scorer | wall s | rows/s | peak RSS MiB (whole process, all workers) | output MB | exit |',
  '|---:|---|---:|---|---:|---:|---:|---:|---:|',
  `| ${formatNumber(rows)} | ${format} | ${values.workers} | ${result.scorer} | ${run.wallSeconds.toFixed(1)} | ${formatNumber(rowsPerSecond)} | ${formatNumber(Math.max(run.peakRssMiB, run.timeMaxRssMiB ?? 0))} | ${formatNumber(outputBytes / 1e6)} | ${String(run.exitCode)} |`,
  '',
  `CPU (per thread, from /proc): workers ${cpu.workerSeconds.map(seconds).join(' + ')} s, main thread (read, parse, write) ${seconds(cpu.mainSeconds)} s, other threads (V8's GC and compiler helpers, libuv) ${seconds(cpu.otherSeconds)} s; ${seconds(cpu.totalSeconds)} s in all, ${formatNumber((cpu.totalSeconds * 1e6) / rows)} µs per row.`,
  '',
  rows >= 1_000_000
    ? `Bar: 1M rows in <= 60 s on the 2-core machine: ${result.bar.met ? 'MET' : 'NOT MET'} (${run.wallSeconds.toFixed(1)} s).`
    : `Bar (1M rows in <= 60 s) not checked: ${formatNumber(rows)} rows; at this rate 1M rows would take ${(1_000_000 / rowsPerSecond).toFixed(0)} s.`,
  '',
].join('\n');
writeResults(values.out, result, markdown);
