/**
 * Every route plugin mounted under /v1, in registration order. To add a resource, write a fastify
 * plugin in routes/<resource>.ts (routes relative to its prefix, zod schemas on every route) and
 * append it here. Auth and rate limiting apply to all of them; health routes live outside /v1.
 */
import type { RoutePlugin } from '../types.js';
import { analyzeRoutes } from './analyze.js';
import { feedbackRoutes } from './feedback.js';
import { metricsRoutes } from './metrics.js';
import { driversRoutes } from './drivers.js';
import { trendsRoutes } from './trends.js';
import { taxonomiesRoutes } from './taxonomies.js';
import { jobsRoutes } from './jobs.js';
import { alertsRoutes } from './alerts.js';
import { dashboardRoutes } from './dashboard.js';
import { discoveryRoutes } from './discovery.js';

export const ROUTE_PLUGINS: RoutePlugin[] = [
  { plugin: analyzeRoutes, prefix: '' },
  { plugin: feedbackRoutes, prefix: '' },
  { plugin: metricsRoutes, prefix: '' },
  { plugin: driversRoutes, prefix: '' },
  { plugin: trendsRoutes, prefix: '' },
  { plugin: taxonomiesRoutes, prefix: '' },
  { plugin: jobsRoutes, prefix: '' },
  { plugin: alertsRoutes, prefix: '' },
  { plugin: dashboardRoutes, prefix: '' },
  { plugin: discoveryRoutes, prefix: '' },
];
