/**
 * Thread side of engine-threads.ts: the engine a pool thread builds once when it starts. Kept
 * apart so the main side of a pool (the tag command, the server's analyze pool) never imports
 * the engine.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { createEngine, type Engine } from '../engine.js';
import { VerbatimError } from '../errors.js';
import type { EngineThreadSetup, ThreadFatal } from './engine-threads.js';

/**
 * Thread side: the thread's engine, built once at thread start from its setup. A build that fails
 * with a VerbatimError is kept as a ThreadFatal for every task to report; anything else rejects.
 */
export function buildThreadEngine(setup: EngineThreadSetup): Promise<{ engine: Engine } | { fatal: ThreadFatal }> {
  return createEngine(setup.config).then(
    (engine) => ({ engine }),
    (error: unknown) => {
      if (error instanceof VerbatimError) return { fatal: { code: error.code, details: error.details } };
      throw error;
    },
  );
}


/**
 * Thread side: a task's answer with `buffers` moved to the main thread instead of copied (piscina's
 * transferable wrapper); the sender loses them, so none may be in use after.
 */
export function withMovedBuffers<T extends object>(answer: T, buffers: readonly ArrayBuffer[]): T {
  const moved = [...buffers];
  return move({
    get [transferableSymbol]() {
      return moved;
    },
    get [valueSymbol]() {
      return answer;
    },
  }) as unknown as T;
}
