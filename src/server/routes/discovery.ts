/**
 * Theme discovery on stored comments, for review in the dashboard: POST /v1/discovery starts a
 * background job over a bounded sample (newest first), GET /v1/discovery/:id gives its progress
 * and, once done, the suggested themes; POST /v1/discovery/:id/taxonomy turns the analyst's
 * accepted (renamed, merged) suggestions into a taxonomy document to PUT at /v1/taxonomies/:id.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JOURNEY_STAGES } from '../../contract.js';
import { VerbatimError } from '../../errors.js';
import { COMMON_ERROR_RESPONSES, ErrorResponseSchema } from '../errors.js';
import { createJobRunner } from '../jobs/job-runner.js';
import { JobSchema } from '../jobs/job-schema.js';
import {
  DEFAULT_DISCOVERY_SAMPLE,
  DEFAULT_DISCOVERY_THEMES,
  DISCOVER_JOB_KIND,
  discoverWork,
  DiscoveryResults,
  MAX_DISCOVERY_CHARS,
  MAX_DISCOVERY_SAMPLE,
  type DiscoveryJobParams,
} from '../jobs/discover.js';
import { withAcceptedThemes } from '../jobs/discovery-taxonomy.js';
import { DEFAULT_TAXONOMY_ID } from '../jobs/taxonomy-engines.js';
import { roundNumbers } from '../round-numbers.js';

/** Most themes one discovery may suggest. */
export const MAX_DISCOVERY_THEMES = 60;

const DiscoveryBodySchema = z.strictObject({
  sampleSize: z.number().int().min(50).max(MAX_DISCOVERY_SAMPLE).default(DEFAULT_DISCOVERY_SAMPLE).describe('Newest matching comments read'),
  maxThemes: z.number().int().min(2).max(MAX_DISCOVERY_THEMES).default(DEFAULT_DISCOVERY_THEMES),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  from: z.string().optional(),
  to: z.string().optional(),
  segment: z.string().optional(),
  channel: z.string().optional(),
});

const DiscoveredThemeSchema = z.object({
  id: z.string(),
  label: z.string(),
  keywords: z.array(z.string()),
  size: z.number().int().describe('Sampled comments assigned to it'),
  share: z.number().describe('size / comments read'),
  sentiment: z.object({ score: z.number(), label: z.string(), sampled: z.number().int() }).nullable(),
  stage: z.enum(JOURNEY_STAGES).nullable(),
  parent: z.string().nullable(),
  representatives: z.array(z.object({ id: z.union([z.string(), z.number()]), text: z.string() })),
  nearestTaxonomyTheme: z
    .union([z.object({ id: z.string(), label: z.string(), similarity: z.number() }), z.literal('new'), z.null()])
    .describe('The closest theme of the active taxonomy, or "new"'),
});

export const DiscoveryRunSchema = z
  .object({
    job: JobSchema,
    result: z
      .object({ records: z.number().int(), coverage: z.number(), taxonomyId: z.string(), themes: z.array(DiscoveredThemeSchema) })
      .nullable()
      .describe('Set once the job has succeeded'),
  })
  .describe('DiscoveryRun');

const AcceptBodySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id').max(100).describe('Id of the new taxonomy'),
  name: z.string().trim().min(1).max(200),
  baseTaxonomyId: z.string().optional().describe('Taxonomy the themes are added to; the active one by default'),
  themes: z
    .array(
      z.strictObject({
        from: z.array(z.string()).min(1).describe('Discovered theme ids; several merge into one theme'),
        label: z.string().trim().min(1).max(200),
        stage: z.enum(JOURNEY_STAGES).optional(),
        terms: z.array(z.string().trim().min(1).max(100)).min(1).max(100).optional(),
      }),
    )
    .min(1),
});

/** Registers POST /discovery, GET /discovery/:id and POST /discovery/:id/taxonomy. */
export const discoveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const results = new DiscoveryResults();
  const runner = createJobRunner(store, { log: app.log });
  const activeTaxonomyId = async () => (await store.activeTaxonomyId()) ?? DEFAULT_TAXONOMY_ID;
  const work = discoverWork(store, () => app.engines.resolve(), results, activeTaxonomyId, MAX_DISCOVERY_CHARS, app.serverConfig.languageDetect);

  app.addHook('onReady', async () => {
    await runner.resume(DISCOVER_JOB_KIND, work);
  });
  app.addHook('onClose', async () => runner.stop());
  app.addHook('preSerialization', async (_request, _reply, payload) => roundNumbers(payload));

  const finishedRun = async (id: string) => {
    const job = await store.getJob(id);
    if (job === null || job.kind !== DISCOVER_JOB_KIND) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Discovery job', id });
    return { job, result: results.get(id) };
  };

  app.post(
    '/discovery',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Discover themes in the stored comments (background job over a bounded sample)',
        description:
          `Reads the newest matching comments (at most ${MAX_DISCOVERY_SAMPLE.toLocaleString('en-US')}), clusters and labels them ` +
          'and names the nearest theme of the active taxonomy for each. Poll GET /v1/discovery/:id. A newer run supersedes a running one.',
        body: DiscoveryBodySchema,
        response: { 202: JobSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { sampleSize, maxThemes, seed, ...filter } = request.body;
      // Validates the filter now (bad dates are a 400 here, not a failed job later).
      await store.countFeedback(filter);
      const params: DiscoveryJobParams = { sampleSize, maxThemes, seed, filter };
      const job = await runner.submit(DISCOVER_JOB_KIND, params as unknown as Record<string, unknown>, work, { supersede: true });
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/discovery/:id',
    {
      schema: {
        tags: ['discovery'],
        summary: 'A discovery job: progress, then the suggested themes',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: DiscoveryRunSchema, 404: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { job, result } = await finishedRun(request.params.id);
      if (job.status === 'succeeded' && result === null) {
        throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Discovery result (kept in memory; lost on restart or after newer runs)', id: job.id });
      }
      return { job, result };
    },
  );

  app.post(
    '/discovery/:id/taxonomy',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Build a taxonomy from accepted suggestions (validated, not stored)',
        description:
          'Returns the base taxonomy (the active one by default) plus one theme per accepted entry. PUT it to ' +
          '/v1/taxonomies/:id?activate=true to store it, make it active and re-tag stored feedback.',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: AcceptBodySchema,
        response: {
          200: z.object({ taxonomy: z.record(z.string(), z.unknown()), added: z.array(z.string()).describe('Ids of the new themes') }),
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
          ...COMMON_ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const { job, result } = await finishedRun(request.params.id);
      if (job.status !== 'succeeded') {
        throw new VerbatimError('VERBATIM_E_JOB_NOT_DONE', { id: job.id, status: job.status, detail: 'suggestions can be accepted once it has succeeded' });
      }
      if (result === null) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Discovery result', id: job.id });
      const { id, name, baseTaxonomyId, themes } = request.body;
      const base = (await app.engines.resolve(baseTaxonomyId ?? (await activeTaxonomyId()))).taxonomy;
      const taxonomy = withAcceptedThemes(base, result.themes, themes, { id, name });
      const known = new Set(base.themes.map((theme) => theme.id));
      return { taxonomy: taxonomy as unknown as Record<string, unknown>, added: taxonomy.themes.filter((theme) => !known.has(theme.id)).map((theme) => theme.id) };
    },
  );
};
