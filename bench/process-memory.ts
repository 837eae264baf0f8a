/**
 * Resident memory of a child process tree, from /proc (Linux): what `verbatim tag`, `verbatim
 * discover` and the server hold while a benchmark drives them. Worker threads live in their
 * process, so one process's RSS already counts every worker; child processes are summed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { spawn, type SpawnOptions } from 'node:child_process';
import { sampleThreadCpu, type ThreadCpu } from './thread-cpu.js';

const MIB = 2 ** 20;

/** VmRSS and VmHWM (peak RSS) of one process in bytes, or null once it has exited. */
export function processMemory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return null;
  }
}

/** The pid and every descendant pid of a process. */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let index = 0; index < pids.length; index += 1) {
    try {
      for (const task of readdirSync(`/proc/${pids[index]}/task`)) {
        const children = readFileSync(`/proc/${pids[index]}/task/${task}/children`, 'utf8').trim();
        if (children) for (const child of children.split(/\s+/)) pids.push(Number(child));
      }
    } catch {
      // The process exited between listing and reading.
    }
  }
  return pids;
}

/**
 * Calls `sample` now and every `intervalMs` until the returned stop is called, which samples once
 * more (a short run still gets its last reading) and clears the timer.
 */
export function sampleEvery(intervalMs: number, sample: () => void): () => void {
  sample();
  const timer = setInterval(sample, intervalMs);
  return () => {
    sample();
    clearInterval(timer);
  };
}

/** Samples a process tree's memory until stopped; `peakBytes` is the largest summed sample or VmHWM. */
export interface MemorySampler {
  stop(): { peakBytes: number; lastBytes: number; samples: number };
}

/**
 * Samples every `intervalMs`: the peak is the larger of the highest summed VmRSS seen and the sum
 * of the per-process VmHWM at the last sample (which catches peaks between samples).
 */
export function sampleMemory(pid: number, intervalMs = 100): MemorySampler {
  let peakRss = 0;
  let lastRss = 0;
  let lastHighWater = 0;
  let samples = 0;
  const sample = (): void => {
    let rss = 0;
    let highWater = 0;
    for (const member of processTree(pid)) {
      const memory = processMemory(member);
      if (!memory) continue;
      rss += memory.rss;
      highWater += memory.peak;
    }
    if (rss === 0) return;
    samples += 1;
    lastRss = rss;
    peakRss = Math.max(peakRss, rss);
    lastHighWater = Math.max(lastHighWater, highWater);
  };
  const stop = sampleEvery(intervalMs, sample);
  return {
    stop() {
      stop();
      return { peakBytes: Math.max(peakRss, lastHighWater), lastBytes: lastRss, samples };
    },
  };
}

/** What running a command cost. */
export interface CommandRun {
  exitCode: number | null;
  wallSeconds: number;
  peakRssMiB: number;
  /** ru_maxrss of the largest process, from /usr/bin/time -v when it was used. */
  timeMaxRssMiB: number | null;
  /** CPU seconds of every thread of the tree, busiest first (thread-cpu.ts). */
  threads: ThreadCpu[];
  stderrTail: string;
}

/**
 * Runs a command to completion under /usr/bin/time -v (when present) while sampling its process
 * tree's memory; stdout is discarded unless `inheritStdout`.
 */
export async function runMeasured(command: string, args: readonly string[], options: SpawnOptions & { inheritStdout?: boolean } = {}): Promise<CommandRun> {
  const useTime = processMemory(process.pid) !== null && existsTime();
  const [file, argv] = useTime ? ['/usr/bin/time', ['-v', command, ...args]] : [command, [...args]];
  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { ...options, stdio: ['ignore', options.inheritStdout ? 'inherit' : 'ignore', 'pipe'] });
  const sampler = sampleMemory(child.pid!);
  const cpu = sampleThreadCpu(child.pid!);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const memory = sampler.stop();
  const threads = cpu.stop();
  const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return {
    exitCode,
    wallSeconds,
    peakRssMiB: memory.peakBytes / MIB,
    timeMaxRssMiB: maxRss ? (Number(maxRss[1]) * 1024) / MIB : null,
    threads,
    stderrTail: stderr.slice(-3_000),
  };
}

function existsTime(): boolean {
  try {
    readFileSync('/usr/bin/time');
    return true;
  } catch {
    return false;
  }
}

export { MIB };
