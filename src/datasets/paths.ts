/**
 * Where the shared labelled data lives and cached reads of it. The data sits beside the
 * repository (../shared/datasets from the repo root) and is never copied into it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VerbatimError } from '../errors.js';

/** Environment variable that overrides the data folder (for CI layouts or a local copy). */
export const DATASETS_ENV_VARIABLE = 'VERBATIM_DATASETS';

let cachedRepoRoot: string | undefined;

/** The repository root: the nearest folder above this file whose package.json is named "verbatim". */
export function repoRoot(): string {
  if (cachedRepoRoot) return cachedRepoRoot;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (parsed.name === 'verbatim') return (cachedRepoRoot = folder);
    }
    const parent = dirname(folder);
    if (parent === folder) throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path: 'package.json of verbatim' });
    folder = parent;
  }
}

/**
 * The labelled-data folder: $VERBATIM_DATASETS if set, else ../shared/datasets from the repo root.
 *
 * @example
 * datasetsRoot(); // '/work/shared/datasets' when the repo is /work/main
 */
export function datasetsRoot(): string {
  const override = process.env[DATASETS_ENV_VARIABLE];
  if (override && override.trim() !== '') return resolve(override);
  return resolve(repoRoot(), '..', 'shared', 'datasets');
}

/** True when the data folder exists, so tests can say clearly why they cannot run. */
export function datasetsAvailable(): boolean {
  return existsSync(datasetsRoot());
}

const textCache = new Map<string, Promise<string>>();

/**
 * Reads a data file once per process (relative to the data folder); later calls share the promise.
 * A missing file is a VerbatimError naming the full path.
 */
export function readDataFile(relativePath: string): Promise<string> {
  const fullPath = join(datasetsRoot(), relativePath);
  let pending = textCache.get(fullPath);
  if (!pending) {
    pending = readFile(fullPath, 'utf8').catch((cause: unknown) => {
      textCache.delete(fullPath);
      throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path: fullPath }, { cause });
    });
    textCache.set(fullPath, pending);
  }
  return pending;
}
