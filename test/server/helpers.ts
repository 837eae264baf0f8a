/**
 * Builds the app for route tests: a fresh SQLite file in the OS temp folder, no demo data, no
 * logger, and a light engine (no word vectors, no emotion model) created once per test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createEngine, type Engine } from '../../src/engine.js';
import { openStore, type FeedbackStore } from '../../src/store/index.js';
import { buildApp, type BuildAppOptions } from '../../src/server/app.js';
import { loadServerConfig, type ServerConfig } from '../../src/server/config.js';

/** The light engine settings of the server tests: no word vectors, no emotion model. */
export const LIGHT_ENGINE = { themes: { useEmbeddings: false }, emotions: { enabled: false } };

/** A one-theme taxonomy under `id` whose theme ("parcel-delay": courier, late) the built-in one does not use. */
export function parcelTaxonomy(id: string) {
  return {
    version: 1,
    id,
    name: `Parcel test taxonomy ${id}`,
    stages: [{ id: 'delivery', label: 'Delivery', order: 1 }],
    themes: [{ id: 'parcel-delay', label: 'Parcel delay', stage: 'delivery', terms: ['courier', 'late'] }],
  };
}

let sharedEngine: Promise<Engine> | null = null;

/** One engine per test file (vitest forks a process per file). */
export function testEngine(): Promise<Engine> {
  sharedEngine ??= createEngine(LIGHT_ENGINE);
  return sharedEngine;
}

export interface TestApp {
  app: FastifyInstance;
  store: FeedbackStore;
  config: ServerConfig;
  dbPath: string;
  /** Closes app and store; removes the temp folder unless `keepFiles`. */
  close(options?: { keepFiles?: boolean }): Promise<void>;
}

/** A temp folder for one test's database file. */
export function tempDbPath(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'verbatim-server-')), 'verbatim.db');
}

/**
 * Builds the app over `dbPath` (a new temp file by default) with env-style settings (and an
 * analyze pool, or an engine other than the shared light one).
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  dbPath = tempDbPath(),
  extra: Partial<Pick<BuildAppOptions, 'analyzePool' | 'engine'>> = {},
): Promise<TestApp> {
  const config = loadServerConfig({ VERBATIM_DEMO: '0', VERBATIM_DB: dbPath, ...env });
  const store = await openStore(config.dbPath);
  const app = await buildApp({ config, engine: extra.engine ?? (await testEngine()), store, logger: false, analyzePool: extra.analyzePool });
  return {
    app,
    store,
    config,
    dbPath,
    async close(options = {}) {
      await app.close();
      await store.close();
      if (!options.keepFiles) rmSync(path.dirname(dbPath), { recursive: true, force: true });
    },
  };
}
