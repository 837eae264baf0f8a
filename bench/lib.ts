/**
 * Shared benchmark helpers (the corpus is in corpus.ts): timed runs with warm-up, median and spread, the machine
 * description, and result files under bench/results/. Benchmarks print figures; tests never time.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// From bench/ under tsx or from bench-build/ (compiled, see compiledBenchScript): the same depth.
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = path.join(ROOT, 'bench');
/**
 * Node flags the product runs with (bin/verbatim.js's shebang, npm start): a 64 MB young-generation
 * semi-space. The benchmarks spawn `node` with them so they measure what users run.
 */
export const NODE_RUNTIME_FLAGS = ['--max-semi-space-size=64'];
/**
 * `npm start` / `npm run serve`: a 256 MB old-space cap for the long-running server (without it V8
 * let garbage pile up to 200+ MB between major collections under batch load: server peak RSS
 * 378-630 MB over runs; with the cap 395-399 MB), and the CLI's 64 MB semi-space. Session 6 had
 * cut the semi-space to 32 MB (peak RSS 406-409 MB with 64 then); session 8 measured what that
 * cost: at 500 single-comment requests a second a scavenge of 6-10 ms ran every ~0.7 s, so ~1 % of
 * requests waited behind one and the p99 was 12-14 ms. With 64 MB scavenges come half as often:
 * p99 6-9 ms over five runs, peak RSS 375-383 MB over four full runs (bench/results/http.md). The CLI's
 * big jobs (discover on 100k) keep V8's default old space.
 */
export const SERVER_RUNTIME_FLAGS = ['--max-semi-space-size=64', '--max-old-space-size=256'];

/** Whitespace token count, the same for every system so tokens/s figures compare. */
export function countTokens(texts: readonly string[]): number {
  let tokens = 0;
  for (const text of texts) tokens += text.split(/\s+/).filter(Boolean).length;
  return tokens;
}

export interface Measurement {
  name: string;
  runs: number[];
  medianSeconds: number;
  spreadPercent: number;
  itemsPerSecond: number;
  tokensPerSecond: number;
}

/** Runs `task` once to warm up, then `runs` times; reports the median and the min-max spread. */
export async function measure(
  name: string,
  texts: readonly string[],
  task: (texts: readonly string[]) => unknown | Promise<unknown>,
  runs = 5,
): Promise<Measurement> {
  await task(texts.slice(0, Math.min(texts.length, 500)));
  const seconds: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    await task(texts);
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return {
    name,
    runs: seconds,
    medianSeconds: median,
    spreadPercent: (100 * (sorted[sorted.length - 1]! - sorted[0]!)) / median,
    itemsPerSecond: texts.length / median,
    tokensPerSecond: countTokens(texts) / median,
  };
}

/**
 * What the figures were measured on, with the load average when called: the machine is shared, so
 * a figure taken at load 2 on 2 cores is not one taken on an idle machine.
 */
export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model,
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
}

/** One line describing the machine, for markdown summaries. */
export function machineLine(description: Record<string, unknown> = machine()): string {
  const load = (description.loadAverage as number[]).join(' / ');
  return `${String(description.cpu)}, ${String(description.cores)} cores, ${String(description.memoryGiB)} GiB, Node ${String(description.node)}, load average ${load} (1/5/15 min) at start`;
}

/** Writes bench/results/NAME.json and NAME.md and prints the markdown. */
export function writeResults(name: string, result: Record<string, unknown>, markdown: string): void {
  mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  writeFileSync(path.join(BENCH_DIR, 'results', `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(path.join(BENCH_DIR, 'results', `${name}.md`), markdown);
  process.stdout.write(markdown);
}

/** What comparing builds asks of an engine (each build's own dist/, so no shared types). */
export interface BuildEngine {
  analyzeBatch(records: readonly { id: string; text: string }[]): Promise<unknown[]>;
}

/** The engine of the build in `dir` (its dist/engine.js), default configuration: compare-builds.ts and compare-thread.ts. */
export async function engineOfBuild(dir: string): Promise<BuildEngine> {
  const dist = path.resolve(dir, 'dist');
  const { createEngine } = (await import(pathToFileURL(path.join(dist, 'engine.js')).href)) as { createEngine: (config: unknown) => Promise<BuildEngine> };
  const { resolveConfig } = (await import(pathToFileURL(path.join(dist, 'config.js')).href)) as { resolveConfig: (input: unknown) => unknown };
  return createEngine(resolveConfig({}));
}

/** Median, min and max of a list of figures. */
export function summarize(values: readonly number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Formats a figure with thousands separators. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Writes bench/results/NAME.json and NAME.md and prints the markdown table. */
export function report(name: string, corpus: Record<string, unknown>, measurements: Measurement[]): void {
  mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  const result = { benchmark: name, date: new Date().toISOString(), machine: machine(), corpus, measurements };
  writeFileSync(path.join(BENCH_DIR, 'results', `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  const rows = measurements.map(
    (m) => `| ${m.name} | ${Math.round(m.itemsPerSecond).toLocaleString('en-US')} | ${Math.round(m.tokensPerSecond).toLocaleString('en-US')} | ${m.medianSeconds.toFixed(3)} | ±${m.spreadPercent.toFixed(1)}% |`,
  );
  const markdown = [
    `# ${name}`,
    '',
    `${result.date} · ${String(result.machine.cpu)} · ${String(result.machine.node)} · corpus ${JSON.stringify(corpus)}`,
    '',
    '| system | comments/s | tokens/s | median s | spread |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(path.join(BENCH_DIR, 'results', `${name}.md`), markdown);
  process.stdout.write(markdown);
}

/** Whether compiledBenchScript has compiled bench-build/ in this process. */
let benchCompiled = false;

/**
 * The compiled JavaScript of a bench script (tsc -p tsconfig.bench.json into bench-build/, done
 * here), for timings that must run under plain node as the product does (bin/verbatim.js, npm
 * start and the tag workers never load tsx). In a process started with `--import tsx` the same
 * compiled pipeline ran slower beside an unchanged vader (session 13, alternated on one build:
 * stages.ts --pipelines, five pairs, x vader median 3.61 under tsx against 4.02 plain; a plain
 * timing loop, 70-88 against 94-150 µs per comment, with 2-3x the GC time).
 */
export function compiledBenchScript(name: string): string {
  // One compile per process (the suite asks for several scripts); tsconfig.bench.json is incremental across processes.
  if (!benchCompiled) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.bench.json')], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`tsc -p tsconfig.bench.json exited with ${String(build.status)}`);
    benchCompiled = true;
  }
  return path.join(ROOT, 'bench-build', `${name}.js`);
}

/** Node flags of this process without tsx's loader (`--import tsx`), for a plain-node child. */
export function execArgvWithoutTsx(): string[] {
  const flags: string[] = [];
  for (let index = 0; index < process.execArgv.length; index++) {
    const flag = process.execArgv[index]!;
    if (flag === '--import' && /^tsx(\/|$)/.test(process.execArgv[index + 1] ?? '')) index += 1;
    else if (!/^--(import|require|loader)=tsx/.test(flag)) flags.push(flag);
  }
  return flags;
}
