/**
 * `verbatim serve`: starts the HTTP API. Flags override the environment variables of the same
 * setting (PORT, HOST, VERBATIM_DB, VERBATIM_API_KEYS, VERBATIM_DEMO); everything is validated
 * before the port opens.
 */
import type { Command } from 'commander';
import { loadServerConfig, type ServerOverrides } from '../server/config.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  db?: string;
  apiKeys?: string;
  /** false with --no-demo; undefined otherwise (then VERBATIM_DEMO decides). */
  demo?: boolean;
}

/** Maps parsed flags to config overrides; only flags actually given override the environment. */
export function serveOverrides(options: ServeOptions): ServerOverrides {
  const overrides: ServerOverrides = {};
  if (options.port !== undefined) overrides.port = options.port;
  if (options.host !== undefined) overrides.host = options.host;
  if (options.db !== undefined) overrides.db = options.db;
  if (options.apiKeys !== undefined) overrides.apiKeys = options.apiKeys;
  if (options.demo === false) overrides.demo = false;
  return overrides;
}

/** Adds the serve command to the program. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the HTTP API (docs at /docs). Settings come from environment variables; flags override them.')
    .option('-p, --port <port>', 'port to listen on (env PORT, default 3000)')
    .option('--host <host>', 'address to bind (env HOST, default 127.0.0.1; 0.0.0.0 for all interfaces)')
    .option('--db <location>', 'store: SQLite file or postgres:// URL (env VERBATIM_DB, default data/verbatim.db)')
    .option('--api-keys <keys>', 'comma-separated API keys required on /v1 routes (env VERBATIM_API_KEYS)')
    .option('--no-demo', 'do not load the demo data into an empty store (env VERBATIM_DEMO=0)')
    .addHelpText(
      'after',
      '\nOther settings (environment only): VERBATIM_RATE_LIMIT (requests/minute per key, default 600),\nVERBATIM_WARM_UP (0: open the port without first analyzing the 400 shipped dev comments, ~1 s),\nVERBATIM_REQUEST_LOG (0: no log line per request; start-up, warnings and errors stay),\nVERBATIM_LANGUAGE_DETECT (0: read every comment as English, no language detection),\nVERBATIM_BODY_LIMIT (bytes, default 5242880),\nVERBATIM_QUEUE_URL (nats://host:4222: enables POST /v1/feedback?async=true), VERBATIM_QUEUE_MAX_DEPTH\n(queued messages before 503 + Retry-After), VERBATIM_QUEUE_NAMESPACE (queue name prefix).\n\nExamples:\n  verbatim serve\n  verbatim serve --port 8080 --db /var/lib/verbatim/feedback.db --no-demo\n  VERBATIM_API_KEYS=k1,k2 verbatim serve --host 0.0.0.0',
    )
    .action(async (options: ServeOptions) => {
      // Invalid settings throw VerbatimError, which main() prints with exit code 2.
      const config = loadServerConfig(process.env, serveOverrides(options));
      const { closeOnSignals, startServer } = await import('../server/server.js');
      const server = await startServer(config);
      closeOnSignals(server);
    });
}
