import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * Runs `body` in a fresh Node process (compiled dist/, as `bin/verbatim.js` runs it) and returns the
 * native libraries loaded by then that belong to the engine (onnxruntime) or the stores (SQLite).
 * Native addons are what `process.report` can see; they stand for the module trees that load them.
 */
function heavyLibrariesAfter(body: string): string[] {
  const script = `
    ${body}
    const loaded = process.report.getReport().sharedObjects.filter((file) => /onnxruntime|better_sqlite3/.test(file));
    process.stdout.write(JSON.stringify(loaded.map((file) => file.split('/').pop())));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: DIST, encoding: 'utf8' });
  return JSON.parse(output) as string[];
}

describe('verbatim command line startup', () => {
  it('registers every command without loading the engine or the stores', () => {
    const loaded = heavyLibrariesAfter(`
      const { buildProgram } = await import('./cli/main.js');
      const program = buildProgram(() => undefined);
      if (program.commands.length < 6) throw new Error('commands missing');
    `);
    expect(loaded).toEqual([]);
  });

  it('keeps the tag pool main side free of the engine', () => {
    expect(heavyLibrariesAfter(`await import('./batch/pool.js'); await import('./batch/ordered-dispatch.js');`)).toEqual([]);
  });

  it('sees the engine once it is built (the probe can fail)', () => {
    const loaded = heavyLibrariesAfter(`
      const { createEngine } = await import('./engine.js');
      await (await createEngine({})).close();
    `);
    expect(loaded.some((file) => file.includes('onnxruntime'))).toBe(true);
  }, 60_000);
});
