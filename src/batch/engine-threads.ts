/**
 * Worker threads that each hold their own engine: the tag command's pool (pool.ts, worker.ts) and
 * the server's analyze pool (src/server/analyze-pool.ts, analyze-worker.ts) start and answer the
 * same way, from here. Threads run compiled JavaScript, so `npm run build` must have run.
 * This is the main side and never loads the engine (its modules and models cost the main thread
 * ~0.6 s and its memory for nothing); the thread side is thread-engine.ts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ConfigInput } from '../config.js';
import { VerbatimError, type ErrorCode } from '../errors.js';

/** Young-generation semi-space of the engine threads, in MB (as bin/verbatim.js gives the main thread). */
export const SEMI_SPACE_MB = 64;

/** Set once per thread (piscina workerData): the engine's settings. */
export interface EngineThreadSetup {
  config: ConfigInput;
}

/** A thread's engine build failure, as plain data: errors lose their class crossing threads. */
export interface ThreadFatal {
  code: ErrorCode;
  details: Record<string, unknown>;
}

/**
 * A compiled worker entry: `relative` (a path under dist/, e.g. "batch/worker.js") next to the
 * module at `moduleUrl` when that module is itself compiled, or under dist/ when it runs from src/
 * (tests under vitest).
 */
export function compiledWorkerFile(moduleUrl: string, relative: string): string {
  const beside = fileURLToPath(new URL(`./${relative.split('/').pop()}`, moduleUrl));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL(`../../dist/${relative}`, moduleUrl));
  if (existsSync(built)) return built;
  throw new VerbatimError('VERBATIM_E_PIPELINE', { detail: `the worker ${built} is missing; run \`npm run build\`` });
}

/** Starts `workers` long-lived threads running `file`, each building its engine from `setup`. */
export function startEngineThreads(file: string, workers: number, setup: EngineThreadSetup): Piscina {
  return new Piscina({
    filename: file,
    minThreads: workers,
    maxThreads: workers,
    // Threads live as long as their pool: an engine costs seconds to build.
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: setup,
    // V8 sizes a young generation at three semi-spaces. With the default 16 MB semi-space the
    // pipeline spent ~1.6x the CPU per comment in scavenges. A process started with
    // --max-semi-space-size (bin/verbatim.js, npm start) sizes every thread by that flag instead:
    // V8's flags are per process and win over this limit (a server started with the flag at 16 had
    // 32 MB new spaces in its threads, at 64 had 128 MB, whatever this asked).
    resourceLimits: { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB },
  });
}

/** Main side: rethrows a thread's build failure as the VerbatimError it was. */
export function throwIfFatal(fatal: ThreadFatal | undefined): void {
  if (fatal) throw new VerbatimError(fatal.code, fatal.details);
}
