/**
 * CPU time per thread of a child process tree, from /proc/PID/task/TID/stat (Linux): where a
 * `verbatim tag` job's CPU goes between its worker threads, its main thread (reading, parsing,
 * writing) and V8's and libuv's helper threads. Threads are sampled while the tree runs, since
 * /proc forgets them at exit; each thread's last sample is its total (to within the interval).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { processTree, sampleEvery } from './process-memory.js';

/** One thread's CPU: user + system seconds at its last sample. */
export interface ThreadCpu {
  pid: number;
  tid: number;
  /** The thread's name (comm): Node names its threads, e.g. "node" or "V8 DefaultWorke". */
  name: string;
  seconds: number;
}

const TICKS_PER_SECOND = 100;

/** utime + stime of one task, or null once it is gone. */
function taskCpu(pid: number, tid: number): { name: string; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // The name is in parentheses and may itself hold spaces or parentheses: split after the last ')'.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return { name: stat.slice(stat.indexOf('(') + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

export interface ThreadCpuSampler {
  /** Every thread seen, busiest first. */
  stop(): ThreadCpu[];
}

/** Samples the threads of `pid` and its descendants every `intervalMs` until stopped. */
export function sampleThreadCpu(pid: number, intervalMs = 200): ThreadCpuSampler {
  const last = new Map<string, ThreadCpu>();
  const sample = (): void => {
    for (const member of processTree(pid)) {
      let tids: string[];
      try {
        tids = readdirSync(`/proc/${member}/task`);
      } catch {
        continue;
      }
      for (const tid of tids) {
        const cpu = taskCpu(member, Number(tid));
        if (cpu) last.set(`${member}/${tid}`, { pid: member, tid: Number(tid), ...cpu });
      }
    }
  };
  const stop = sampleEvery(intervalMs, sample);
  return {
    stop() {
      stop();
      return [...last.values()].sort((left, right) => right.seconds - left.seconds);
    },
  };
}

/** A Node process's CPU split: its main thread, its `workers` busiest other threads, the rest. */
export interface CpuSplit {
  mainSeconds: number;
  workerSeconds: number[];
  otherSeconds: number;
  totalSeconds: number;
}

/**
 * Splits the threads of the busiest process (the Node process, not /usr/bin/time around it) into
 * its main thread (tid = pid), its `workers` busiest other threads (a pool's workers do nearly all
 * the work), and everything else (V8's GC and compiler helpers, libuv's pool).
 */
export function splitCpu(threads: readonly ThreadCpu[], workers: number): CpuSplit {
  const byProcess = new Map<number, number>();
  for (const thread of threads) byProcess.set(thread.pid, (byProcess.get(thread.pid) ?? 0) + thread.seconds);
  const [node, totalSeconds] = [...byProcess.entries()].sort((left, right) => right[1] - left[1])[0] ?? [undefined, 0];
  // `threads` is busiest first, so the first `workers` of the other threads are the pool's.
  const others = threads.filter((thread) => thread.pid === node && thread.tid !== node);
  return {
    mainSeconds: threads.find((thread) => thread.pid === node && thread.tid === node)?.seconds ?? 0,
    workerSeconds: others.slice(0, workers).map((thread) => thread.seconds),
    otherSeconds: others.slice(workers).reduce((sum, thread) => sum + thread.seconds, 0),
    totalSeconds,
  };
}
