/**
 * Where the whole pipeline spends its time: a CPU profile of engine.analyzeBatch over the corpus,
 * summarized as top self-time functions and per-module / per-folder inclusive share.
 *
 *   npm run bench:profile -- [--size 10000] [--runs 3] [--scorer combined|rules|model] [--emotions on|off]
 *   (npm run bench:profile builds dist/ first)
 *
 * The V8 profiler is the one `node --cpu-prof` uses, started through node:inspector after a warm-up
 * pass so model loading and JIT warm-up stay out of the figures. The raw profile is written to
 * bench/tmp/NAME.cpuprofile (open it in Chrome DevTools or speedscope). Time inside onnxruntime's
 * native code shows as the JavaScript frame that called it (the session's run); V8 samples only
 * the main thread. `bench/results/NAME.md` holds the summary.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../dist/engine.js';
import { corpusTexts } from './corpus.js';
import { BENCH_DIR, ROOT, formatNumber, machine, machineLine, writeResults } from './lib.js';
import { DEFAULT_BATCH_SIZE } from '../dist/cli/analysis-options.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    scorer: { type: 'string', default: 'combined' },
    emotions: { type: 'string', default: 'on' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    top: { type: 'string', default: '25' },
    out: { type: 'string', default: 'profile' },
  },
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups a script URL into a module label: src/<folder>/<file>.ts, an npm package, or Node itself. */
function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (packageMatch) return `npm:${packageMatch[1]}`;
  const dist = file.indexOf(`${ROOT}/dist/`);
  if (dist === 0) return `src/${file.slice(ROOT.length + '/dist/'.length).replace(/\.js$/, '.ts')}`;
  // This script compiled (bench-build/profile.js, as npm run bench:profile runs it) is bench/profile.ts.
  if (file.startsWith(`${ROOT}/bench-build/`)) return `bench/${file.slice(ROOT.length + '/bench-build/'.length).replace(/\.js$/, '.ts')}`;
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  if (file.startsWith('node:')) return 'node internals';
  return file;
}

/** src/text/tokenize.ts -> src/text; npm:wink-nlp stays as it is. */
function folderOf(module: string): string {
  const parts = module.split('/');
  return module.startsWith('src/') && parts.length > 2 ? parts.slice(0, 2).join('/') : module;
}

function summarizeProfile(profile: Profile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, { name: string; module: string; micros: number }>();
  const moduleSelf = new Map<string, number>();
  const moduleInclusive = new Map<string, number>();
  const folderInclusive = new Map<string, number>();
  // Samples taken while the profiler itself answers (the inspector session's dispatch) are not the pipeline's.
  const inInspector = (id: number): boolean => {
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      if (byId.get(current)!.callFrame.url.startsWith('node:inspector')) return true;
    }
    return false;
  };
  let total = 0;
  profile.samples.forEach((id, index) => {
    if (inInspector(id)) return;
    const micros = profile.timeDeltas[index] ?? 0;
    total += micros;
    const node = byId.get(id)!;
    let module = moduleOf(node.callFrame.url, node.callFrame.functionName);
    let name = node.callFrame.functionName || '(anonymous)';
    let line = node.callFrame.lineNumber + 1;
    if (node.callFrame.url === '' && !node.callFrame.functionName.startsWith('(')) {
      // Native code (a V8 builtin or an addon such as onnxruntime's session.run): name it by its JavaScript caller.
      let caller = parent.get(id);
      while (caller !== undefined && byId.get(caller)!.callFrame.url === '') caller = parent.get(caller);
      if (caller !== undefined) {
        const frame = byId.get(caller)!.callFrame;
        const callerModule = moduleOf(frame.url, frame.functionName);
        module = `native, called from ${callerModule}`;
        // V8 names an addon's native function after whatever property it saw first (onnxruntime's
        // run shows as "endProfiling"), so native time under onnxruntime-node is named for what it is.
        name = callerModule === 'npm:onnxruntime-node' ? 'onnxruntime native code (session.run)' : `${name === '(anonymous)' ? '(native)' : name} in ${frame.functionName || '(anonymous)'}`;
        line = frame.lineNumber + 1;
      }
    }
    const key = `${name} ${module}:${line}`;
    const entry = self.get(key) ?? { name, module: `${module}:${line}`, micros: 0 };
    entry.micros += micros;
    self.set(key, entry);
    moduleSelf.set(module, (moduleSelf.get(module) ?? 0) + micros);
    // Node's own frames (promise jobs, timers) and the benchmark's loop sit under nearly every
    // sample; they are left out of the inclusive tables, which are about Verbatim and its packages.
    const modules = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)!.callFrame;
      if (frame.url === '') continue;
      const seen = moduleOf(frame.url, frame.functionName);
      if (seen !== 'node internals' && !seen.startsWith('bench/')) modules.add(seen);
    }
    if (!module.endsWith('node internals')) modules.add(module);
    for (const seen of modules) moduleInclusive.set(seen, (moduleInclusive.get(seen) ?? 0) + micros);
    for (const folder of new Set([...modules].map(folderOf))) folderInclusive.set(folder, (folderInclusive.get(folder) ?? 0) + micros);
  });
  const share = (micros: number): number => (100 * micros) / total;
  const sorted = <T>(entries: [string, T][], value: (item: T) => number) => entries.sort((a, b) => value(b[1]) - value(a[1]));
  return {
    totalSeconds: total / 1e6,
    topSelf: [...self.values()].sort((a, b) => b.micros - a.micros).slice(0, top).map((entry) => ({ ...entry, percent: share(entry.micros) })),
    moduleSelf: sorted([...moduleSelf.entries()], (micros) => micros).slice(0, top).map(([module, micros]) => ({ module, percent: share(micros) })),
    moduleInclusive: sorted([...moduleInclusive.entries()], (micros) => micros).slice(0, top).map(([module, micros]) => ({ module, percent: share(micros) })),
    folderInclusive: sorted([...folderInclusive.entries()], (micros) => micros).map(([folder, micros]) => ({ folder, percent: share(micros) })),
  };
}

const size = Number(values.size);
const runs = Number(values.runs);
const batchSize = Number(values['batch-size']);
const startMachine = machine();
const texts = corpusTexts(size);
const engine = await createEngine({ sentiment: { scorer: values.scorer as 'combined' }, emotions: { enabled: values.emotions !== 'off' } });
const analyzeAll = async (): Promise<void> => {
  for (let start = 0; start < texts.length; start += batchSize) {
    await engine.analyzeBatch(texts.slice(start, start + batchSize).map((text, offset) => ({ id: start + offset, text })));
  }
};
await analyzeAll();

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const started = process.hrtime.bigint();
for (let run = 0; run < runs; run += 1) await analyzeAll();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
session.disconnect();
await engine.close();

mkdirSync(path.join(BENCH_DIR, 'tmp'), { recursive: true });
const profileFile = path.join(BENCH_DIR, 'tmp', `${values.out}.cpuprofile`);
writeFileSync(profileFile, JSON.stringify(profile));
const summary = summarizeProfile(profile, Number(values.top));
const config = `scorer ${values.scorer}, emotions ${values.emotions}`;
const command = `npm run bench:profile -- --size ${size} --runs ${runs} --scorer ${values.scorer} --emotions ${values.emotions}`;
const percent = (value: number): string => `${value.toFixed(1)} %`;
const markdown = [
  `# CPU profile of the whole pipeline (${config})`,
  '',
  `${new Date().toISOString()} · ${machineLine(startMachine)}.`,
  `Command: \`${command}\` — ${runs} passes over ${formatNumber(size)} corpus comments after a warm-up pass: ${formatNumber((runs * size) / seconds)} comments/s while profiled (the profiler costs a little). Raw profile: ${path.relative(ROOT, profileFile)}.`,
  '',
  '## Inclusive share by folder (a sample counts once for every folder on its stack; Node internals and bench/ left out)',
  '',
  '| folder or package | inclusive |',
  '|---|---:|',
  ...summary.folderInclusive.slice(0, 20).map((row) => `| ${row.folder} | ${percent(row.percent)} |`),
  '',
  '## Inclusive share by module',
  '',
  '| module | inclusive |',
  '|---|---:|',
  ...summary.moduleInclusive.map((row) => `| ${row.module} | ${percent(row.percent)} |`),
  '',
  '## Top self time',
  '',
  '| function | where | self |',
  '|---|---|---:|',
  ...summary.topSelf.map((row) => `| ${row.name} | ${row.module} | ${percent(row.percent)} |`),
  '',
  '## Self time by module',
  '',
  '| module | self |',
  '|---|---:|',
  ...summary.moduleSelf.map((row) => `| ${row.module} | ${percent(row.percent)} |`),
  '',
].join('\n');
writeResults(values.out, { benchmark: 'profile', date: new Date().toISOString(), command, machine: startMachine, config, size, runs, seconds, ...summary }, markdown);
