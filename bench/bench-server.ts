/**
 * The server as the HTTP benchmarks run it: `node SERVER_RUNTIME_FLAGS dist/server/server.js`
 * (= npm start), spawned directly so its pid is the server's, on a fresh SQLite file, the rate
 * limit at its maximum so the limiter never answers 429s, output to a log file, memory sampled.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SERVER_RUNTIME_FLAGS } from './lib.js';
import { sampleMemory, type MemorySampler } from './process-memory.js';

export interface BenchServerOptions {
  /** SQLite file; removed (with -wal, -shm) before start and after stop. */
  db: string;
  logFile: string;
  /** 0: a free port the system picks (read from the server's log line). */
  port?: number;
  demo?: boolean;
  /** Node flags after SERVER_RUNTIME_FLAGS (a later flag wins). */
  extraFlags?: readonly string[];
  sampleIntervalMs?: number;
  /** VERBATIM_ANALYZE_WORKERS for the server (threads for /v1/analyze batches); 0 analyzes in-process. */
  analyzeWorkers?: number;
}

export interface BenchServer {
  readonly pid: number;
  /** The node command line, for the results. */
  readonly command: string;
  /** Memory of the whole run, sampled from /proc. */
  readonly sampler: MemorySampler;
  /** The base URL once the server has logged it ('' before). */
  url(): string;
  /** True once the process has exited. */
  exited(): boolean;
  /** Waits for /readyz to answer 200; returns the seconds since spawn. */
  waitForReady(timeoutSeconds: number): Promise<number>;
  /** SIGTERM, wait for exit, remove the database. */
  stop(): Promise<void>;
}

function removeDatabase(db: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
}

/** Starts the server; call stop() in a finally. */
export function startBenchServer(options: BenchServerOptions): BenchServer {
  const flags = [...SERVER_RUNTIME_FLAGS, ...(options.extraFlags ?? [])];
  const port = options.port ?? 0;
  removeDatabase(options.db);
  const log = createWriteStream(options.logFile);
  const spawned = process.hrtime.bigint();
  const child = spawn(process.execPath, [...flags, path.join(ROOT, 'dist', 'server', 'server.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      VERBATIM_DB: options.db,
      VERBATIM_DEMO: options.demo ? '1' : '0',
      VERBATIM_RATE_LIMIT: '1000000',
      VERBATIM_ANALYZE_WORKERS: String(options.analyzeWorkers ?? 0),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // With port 0 the system picks a free port; the server logs the address it listens on.
  let url = port > 0 ? `http://127.0.0.1:${port}` : '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (url) return;
    pending += chunk.toString();
    url = /"url":"(http:\/\/[^"]+)"/.exec(pending)?.[1] ?? '';
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const sampler = sampleMemory(child.pid!, options.sampleIntervalMs ?? 200);
  return {
    pid: child.pid!,
    command: `node ${flags.join(' ')} dist/server/server.js`,
    sampler,
    url: () => url,
    exited: () => exited,
    async waitForReady(timeoutSeconds) {
      const deadline = Date.now() + timeoutSeconds * 1000;
      while (Date.now() < deadline) {
        if (exited) throw new Error(`the server exited before it was ready; see ${options.logFile}`);
        if (url) {
          try {
            if ((await fetch(`${url}/readyz`)).status === 200) return Number(process.hrtime.bigint() - spawned) / 1e9;
          } catch {
            // Not listening yet.
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the server was not ready within ${timeoutSeconds} s`);
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await new Promise((resolve) => (exited ? resolve(null) : child.once('exit', resolve)));
      }
      removeDatabase(options.db);
    },
  };
}
