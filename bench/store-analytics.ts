/**
 * Times the analyst routes (/v1/metrics, /v1/drivers, /v1/trends, /v1/dashboard) over N stored comments, on the
 * embedded SQLite store or PostgreSQL, through the real app (app.inject: routing, validation,
 * SQL aggregates, serialization). Seeds the database with seeded synthetic records first unless
 * it already holds N (beyond 100k distinct records, copies of them: see DISTINCT_RECORDS, after
 * which the rollups are rebuilt from the rows as the migrations back-fill them); re-runs reuse it.
 *
 *   npx tsx bench/store-analytics.ts --rows 100000 --db /tmp/verbatim-bench-100k.db
 *   npx tsx bench/store-analytics.ts --rows 1000000 --db postgres://postgres@127.0.0.1:5432/verbatim_bench_1m
 *   ... --baseline     also time the former in-process path (store.facts() + src/metrics) per route
 *   ... --seed-only    seed (and analyze) without timing; --only TEXT times the routes whose name holds TEXT;
 *       --runs N        timed runs per route (default 5)
 *
 * Prints one line per route (median of the runs after a warm-up, min and max) and writes
 * bench/results/store-analytics-<backend>-<rows>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createEngine } from '../src/engine.js';
import { analyzeDrivers, computeMetric, detectEmerging, groupMetric, trend } from '../src/metrics/index.js';
import { buildApp } from '../src/server/app.js';
import { loadServerConfig } from '../src/server/config.js';
import { isPostgresUrl, openStore, type FeedbackStore } from '../src/store/index.js';
import { ROLLUP_TABLES, rollupStatements } from '../src/store/rollup-writes.js';
import { SYNTHETIC_THEMES, syntheticRecords } from '../test/store/synthetic-records.js';

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const SEED_BATCH = 5_000;
/**
 * Records written through upsertFeedback; beyond this many, the stored ones are copied in SQL
 * under new ids (`<id>~<k>`, same dates and analysis) until the store holds --rows: 1M rows
 * through the API take ~40 min on the shared 2-core machine, the copies a few minutes.
 */
const DISTINCT_RECORDS = 100_000;
/** Timed runs per route after the warm-up (--runs). */
const DEFAULT_RUNS = 5;
const THEME = SYNTHETIC_THEMES[0]!.id;

/** The routes timed; the filtered ones read a quarter of one segment. */
const ROUTES: { name: string; url: string; baseline?: (store: FeedbackStore) => Promise<unknown> }[] = [
  { name: 'metrics overall', url: '/v1/metrics?metric=nps', baseline: async (store) => computeMetric(await store.facts(), 'nps') },
  { name: 'metrics by theme', url: '/v1/metrics?metric=nps&groupBy=theme', baseline: async (store) => groupMetric(await store.facts(), { metric: 'nps', by: 'theme' }) },
  { name: 'metrics by stage', url: '/v1/metrics?metric=nps&groupBy=stage' },
  { name: 'metrics by segment', url: '/v1/metrics?metric=nps&groupBy=segment' },
  { name: 'metrics by language', url: '/v1/metrics?metric=nps&groupBy=language' },
  { name: 'metrics by language, filtered', url: '/v1/metrics?metric=nps&groupBy=language&segment=smb&from=2025-04-01&to=2025-06-30' },
  { name: 'metrics by language, one theme', url: `/v1/metrics?metric=nps&groupBy=language&theme=${THEME}` },
  { name: 'metrics by language, one stage', url: '/v1/metrics?metric=nps&groupBy=language&stage=delivery' },
  { name: 'metrics in one language', url: '/v1/metrics?metric=nps&language=fr' },
  { name: 'metrics of one theme', url: `/v1/metrics?metric=nps&theme=${THEME}` },
  { name: 'metrics by segment, one theme', url: `/v1/metrics?metric=nps&groupBy=segment&theme=${THEME}` },
  { name: 'metrics by week, one stage', url: '/v1/metrics?metric=nps&groupBy=period&interval=week&stage=delivery' },
  { name: 'metrics by week', url: '/v1/metrics?metric=nps&groupBy=period&interval=week' },
  { name: 'metrics by theme, filtered', url: '/v1/metrics?metric=nps&groupBy=theme&segment=smb&from=2025-04-01&to=2025-06-30' },
  { name: 'drivers by theme', url: '/v1/drivers?metric=nps&level=theme', baseline: async (store) => analyzeDrivers(await store.facts(), { metric: 'nps', level: 'theme' }) },
  { name: 'drivers by stage', url: '/v1/drivers?metric=nps&level=stage' },
  { name: 'drivers by theme + sentiment', url: '/v1/drivers?metric=nps&level=theme&sentiment=true' },
  { name: 'drivers by theme, filtered', url: '/v1/drivers?metric=nps&level=theme&segment=smb&from=2025-04-01&to=2025-06-30' },
  {
    name: 'trends all, weekly',
    url: '/v1/trends?metric=nps&interval=week',
    baseline: async (store) => {
      const facts = await store.facts();
      return [trend(facts, { metric: 'nps', interval: 'week' }), detectEmerging(facts, { interval: 'week' })];
    },
  },
  { name: 'trends of a theme, weekly', url: `/v1/trends?metric=nps&interval=week&theme=${THEME}` },
  { name: 'trends of a stage, monthly', url: '/v1/trends?metric=nps&interval=month&stage=billing' },
  { name: 'dashboard facets', url: '/v1/dashboard/facets' },
  { name: 'dashboard facets, filtered', url: '/v1/dashboard/facets?segment=smb&from=2025-04-01&to=2025-06-30' },
  { name: 'dashboard theme series, weekly', url: '/v1/dashboard/theme-series?interval=week' },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeRuns(task: () => Promise<unknown>, runs: number): Promise<number[]> {
  await task();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    await task();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

/** Creates the PostgreSQL database of `url` when it does not exist (connecting to `postgres`). */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: parsed.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

async function seed(store: FeedbackStore, rows: number, location: string): Promise<void> {
  const present = await store.countFeedback();
  if (present >= rows) return;
  const started = Date.now();
  const distinct = Math.min(rows, DISTINCT_RECORDS);
  for (let offset = present; offset < distinct; offset += SEED_BATCH) {
    await store.upsertFeedback(syntheticRecords(offset, Math.min(SEED_BATCH, distinct - offset), { seed: 1 }));
    if ((offset / SEED_BATCH) % 20 === 0) process.stderr.write(`seeded ${offset + SEED_BATCH} / ${distinct} (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  for (let copy = 1; copy * distinct < rows; copy += 1) {
    await copyRecords(location, copy, Math.min(distinct, rows - copy * distinct));
    process.stderr.write(`copied ${(copy + 1) * distinct} / ${rows} (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  if (rows > distinct) {
    await rebuildRollups(location);
    process.stderr.write(`rebuilt the rollups (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  process.stderr.write(`seeded ${rows} rows in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

/** The rollups rebuilt from every stored row (the copies bypass the store's write path), as the migrations back-fill them. */
const REBUILD_ROLLUPS = [...ROLLUP_TABLES.map((table) => `DELETE FROM ${table}`), ...rollupStatements(1, '1 = 1')];

/** Runs REBUILD_ROLLUPS in one transaction. */
async function rebuildRollups(location: string): Promise<void> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    await client.query('BEGIN');
    for (const statement of REBUILD_ROLLUPS) await client.query(statement);
    await client.query('COMMIT');
    await client.end();
    return;
  }
  const db = new Database(location);
  db.transaction(() => {
    for (const statement of REBUILD_ROLLUPS) db.exec(statement);
  })();
  db.close();
}

/** Copies the first `count` API-written records (and their theme and stage rows) under ids `<id>~<copy>`. */
async function copyRecords(location: string, copy: number, count: number): Promise<void> {
  const suffix = `~${copy}`;
  const statements = (columns: (table: string) => Promise<string[]> | string[]) => async (table: string, idColumn: string) => {
    const names = (await columns(table)).filter((name) => name !== 'seq' && name !== 'search');
    const select = names.map((name) => (name === idColumn ? `${name} || '${suffix}'` : name)).join(', ');
    const source = table === 'feedback' ? 'feedback' : `${table} x JOIN (SELECT id FROM feedback WHERE id NOT LIKE '%~%' ORDER BY id LIMIT ${count}) r ON r.id = x.${idColumn}`;
    const where = table === 'feedback' ? `WHERE id IN (SELECT id FROM feedback WHERE id NOT LIKE '%~%' ORDER BY id LIMIT ${count})` : '';
    return `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select} FROM ${source} ${where}`;
  };
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    const build = statements(async (table) =>
      (await client.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [table])).rows.map((row) => row.column_name),
    );
    await client.query('BEGIN');
    for (const table of ['feedback', 'feedback_themes', 'feedback_stages']) await client.query(await build(table, table === 'feedback' ? 'id' : 'feedback_id'));
    await client.query('COMMIT');
    await client.end();
    return;
  }
  const db = new Database(location);
  db.pragma('foreign_keys = ON');
  const build = statements((table) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name));
  const sql: string[] = [];
  for (const table of ['feedback', 'feedback_themes', 'feedback_stages']) sql.push(await build(table, table === 'feedback' ? 'id' : 'feedback_id'));
  db.transaction(() => {
    for (const statement of sql) db.exec(statement);
  })();
  db.close();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      db: { type: 'string' },
      baseline: { type: 'boolean', default: false },
      only: { type: 'string' },
      'seed-only': { type: 'boolean', default: false },
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
    },
  });
  const rows = Number(values.rows);
  const runs = Math.max(1, Number(values.runs));
  const backend = values.db !== undefined && isPostgresUrl(values.db) ? 'postgres' : 'sqlite';
  const location = values.db ?? path.join(os.tmpdir(), `verbatim-bench-${rows}.db`);
  if (backend === 'postgres') await ensurePostgresDatabase(location);
  const store = await openStore(location);
  await seed(store, rows, location);
  if (backend === 'postgres') {
    // Fresh statistics after a bulk load: the planner needs them to choose the aggregate plans.
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    await client.query('VACUUM ANALYZE');
    await client.end();
  }
  if (values['seed-only']) {
    await store.close();
    return;
  }
  const config = loadServerConfig({ VERBATIM_DEMO: '0', VERBATIM_DB: location, VERBATIM_RATE_LIMIT: '1000000' });
  const engine = await createEngine({ themes: { useEmbeddings: false }, emotions: { enabled: false } });
  const app = await buildApp({ config, engine, store, logger: false });
  const results: Record<string, unknown>[] = [];
  console.log(`${backend}, ${rows} rows (${await store.countFeedback()} stored), median of ${runs} runs after a warm-up, ms`);
  for (const route of ROUTES) {
    if (values.only !== undefined && !route.name.includes(values.only)) continue;
    const times = await timeRuns(async () => {
      const response = await app.inject({ method: 'GET', url: route.url });
      if (response.statusCode !== 200) throw new Error(`${route.url}: ${response.statusCode} ${response.body}`);
    }, runs);
    const baseline = values.baseline && route.baseline ? await timeRuns(() => route.baseline!(store), 2) : null;
    const line = `${route.name.padEnd(32)} ${median(times).toFixed(1).padStart(9)}  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`;
    console.log(baseline ? `${line}  in-process baseline ${median(baseline).toFixed(0)}` : line);
    results.push({ route: route.name, url: route.url, runsMs: times, medianMs: median(times), ...(baseline ? { baselineMedianMs: median(baseline) } : {}) });
  }
  await app.close();
  await store.close();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `store-analytics-${backend}-${rows}.json`);
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverage: os.loadavg(), node: process.version };
  writeFileSync(file, `${JSON.stringify({ backend, rows, machine, results }, null, 2)}\n`);
  console.log(`written ${path.relative(process.cwd(), file)}`);
}

await main();
