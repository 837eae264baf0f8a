/**
 * Serves the analyst dashboard (src/web, built by Vite into dist/web) at `/`. Hashed assets
 * under /assets are cached for a year; index.html is revalidated on every load so a new build
 * shows at once. Without a build (e.g. running from src), `/` says how to make one instead of
 * a bare 404. /v1, /docs, /healthz, /readyz and /metrics keep their own routes (more specific
 * than the static wildcard); an unknown path still gets the JSON 404 of the not-found handler.
 * Files are looked up per request, so a rebuild needs no restart.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PACKAGE_ROOT } from '../config.js';

/** Where `npm run build` writes the dashboard. */
export const DASHBOARD_DIR = path.join(PACKAGE_ROOT, 'dist', 'web');

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Registers the dashboard's static files at `/` (or a hint page when it was not built). */
export async function registerDashboard(app: FastifyInstance, root = DASHBOARD_DIR): Promise<void> {
  if (!existsSync(path.join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><title>Verbatim</title><p>The dashboard is not built. Run <code>npm run build</code>, then restart. The API is at <a href="/docs">/docs</a>.</p>'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    cacheControl: false,
    setHeaders(reply, file) {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache');
    },
  });
}
