/**
 * One build's engine in a worker thread of its own, for `compare-builds.ts --threads`: each build
 * then has its own heap, so a change that allocates less shows in its own collections instead of
 * sharing one young generation with the other build. Answers each batch index with the batch's
 * wall time and this thread's own CPU time (from /proc/thread-self/schedstat, nanoseconds).
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { engineOfBuild } from './lib.js';

interface Setup {
  dir: string;
  batches: { id: string; text: string }[][];
}

/** This thread's time on a CPU so far, in ns (Linux schedstat: its first field). */
function threadCpuNanoseconds(): number {
  return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
}

const { dir, batches } = workerData as Setup;
const engine = await engineOfBuild(dir);
for (const batch of batches) await engine.analyzeBatch(batch);

parentPort!.on('message', async (index: number) => {
  const cpu = threadCpuNanoseconds();
  const started = performance.now();
  await engine.analyzeBatch(batches[index]!);
  parentPort!.postMessage({ wallMicros: (performance.now() - started) * 1000, cpuMicros: (threadCpuNanoseconds() - cpu) / 1000 });
});
parentPort!.postMessage('ready');
