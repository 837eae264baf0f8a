/**
 * The `verbatim` command line. Each command lives in its own file and registers itself here;
 * this file only wires them and turns VerbatimErrors into a message and exit code 2.
 * Registering a command loads only what its options need: the engine, the server, the queue and
 * the stores are imported when a command runs, so `verbatim --help` and the tag command's main
 * thread do not pay ~1 s and their memory for modules they never use.
 */
import { Command, CommanderError } from 'commander';
import { VerbatimError } from '../errors.js';
import { registerAnalyze } from './analyze.js';
import { registerDiscover } from './discover.js';
import { registerEval } from './eval.js';
import { registerServe } from './serve.js';
import { registerTag } from './tag.js';
import { registerWorker } from './worker.js';
import { EXIT_FATAL, EXIT_OK } from './exit-codes.js';

/** Builds the program; exported so tests can inspect the commands without spawning a process. */
export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('verbatim')
    .description('Text analytics and sentiment for customer feedback: sentiment, themes, journey stages and signals.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerAnalyze(program, setExitCode);
  registerDiscover(program, setExitCode);
  registerEval(program);
  registerServe(program);
  registerTag(program, setExitCode);
  registerWorker(program);
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT_OK : EXIT_FATAL;
    }
    if (error instanceof VerbatimError) {
      process.stderr.write(`verbatim: ${error.code}: ${error.message}\n`);
      return EXIT_FATAL;
    }
    process.stderr.write(`verbatim: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_FATAL;
  }
}
