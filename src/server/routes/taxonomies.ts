/**
 * Taxonomies: list, read, store (PUT, validated) and activate. 'default' is the built-in
 * taxonomy (the server's own engine) and cannot be replaced. Changing the active taxonomy, or
 * the document of the active one, starts a background re-tag job (progress at /v1/jobs/:id).
 * This plugin also makes ingest follow the active taxonomy (it sets app.engines.resolve).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VerbatimError } from '../../errors.js';
import type { StoredJob } from '../../store/index.js';
import { parseTaxonomy } from '../../themes/taxonomy.js';
import { COMMON_ERROR_RESPONSES, ErrorResponseSchema, listResponse } from '../errors.js';
import { createJobRunner } from '../jobs/job-runner.js';
import { JobSchema } from '../jobs/job-schema.js';
import { RETAG_JOB_KIND, retagWork } from '../jobs/retag.js';
import { enqueueRetag } from '../../queue/retag.js';
import { createTaxonomyEngines, DEFAULT_TAXONOMY_ID } from '../jobs/taxonomy-engines.js';

const TaxonomyIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id such as "retail-2026"')
  .max(100);

export const TaxonomyParamsSchema = z.object({ id: TaxonomyIdSchema });

export const TaxonomySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  themes: z.number().int().describe('Number of themes'),
  active: z.boolean(),
  builtIn: z.boolean(),
  updatedAt: z.string().nullable().describe('null for the built-in taxonomy'),
});

export const TaxonomyDetailSchema = TaxonomySummarySchema.omit({ name: true, themes: true })
  .extend({
    createdAt: z.string().nullable(),
    taxonomy: z.record(z.string(), z.unknown()).describe('The taxonomy document (format of models/taxonomy/default.json)'),
  })
  .describe('Taxonomy');

export const TaxonomyWriteResponseSchema = TaxonomyDetailSchema.extend({
  job: JobSchema.nullable().describe('The re-tag job this change started, if any'),
});

export const ActivateResponseSchema = z.object({
  id: z.string(),
  active: z.literal(true),
  job: JobSchema.nullable().describe('The re-tag job; null when the taxonomy was already active'),
});

const ActivateQuerySchema = z.strictObject({
  activate: z.enum(['true', 'false']).default('false').describe('Also make it the active taxonomy (starts a re-tag)'),
});

/** Registers the taxonomy routes, the per-taxonomy engines and the re-tag job runner. */
export const taxonomiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const engines = createTaxonomyEngines(store, app.engine);
  const runner = createJobRunner(store, { log: app.log });
  app.engines.resolve = engines.resolve;
  const work = retagWork(store, () => engines.resolve());
  // With a queue configured (VERBATIM_QUEUE_URL), re-tags go to the `verbatim worker` processes as
  // one message per record; otherwise this process re-analyzes the store as a background job.
  const startRetag = async (taxonomyId: string): Promise<StoredJob> =>
    app.serverConfig.queueUrl ? enqueueRetag(await app.queue.get(), store, { taxonomyId }) : runner.submit(RETAG_JOB_KIND, { taxonomyId }, work, { supersede: true });

  app.addHook('onReady', async () => {
    await runner.resume(RETAG_JOB_KIND, work);
  });
  app.addHook('onClose', async () => {
    await runner.stop();
    await engines.close();
  });

  const builtIn = async () => {
    const active = (await store.activeTaxonomyId()) === null;
    return { id: DEFAULT_TAXONOMY_ID, active, builtIn: true, createdAt: null, updatedAt: null, taxonomy: app.engine.taxonomy as Record<string, unknown> };
  };

  const detail = async (id: string) => {
    if (id === DEFAULT_TAXONOMY_ID) return builtIn();
    const stored = await store.getTaxonomy(id);
    if (!stored) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Taxonomy', id });
    return { id, active: stored.active, builtIn: false, createdAt: stored.createdAt, updatedAt: stored.updatedAt, taxonomy: stored.taxonomy };
  };

  /** Makes `id` active; returns the re-tag job, or null when it already was. */
  const activate = async (id: string): Promise<StoredJob | null> => {
    const current = (await store.activeTaxonomyId()) ?? DEFAULT_TAXONOMY_ID;
    if (current === id) return null;
    if (id !== DEFAULT_TAXONOMY_ID && !(await store.getTaxonomy(id))) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Taxonomy', id });
    await engines.setActive(id === DEFAULT_TAXONOMY_ID ? null : id);
    return startRetag(id);
  };

  app.get(
    '/taxonomies',
    {
      schema: {
        tags: ['taxonomies'],
        summary: "Taxonomies: the built-in 'default' and the stored ones, with the active flag",
        response: { 200: listResponse(TaxonomySummarySchema), ...COMMON_ERROR_RESPONSES },
      },
    },
    async () => {
      const stored = await store.listTaxonomies();
      const anyActive = stored.some((taxonomy) => taxonomy.active);
      const summary = (id: string, document: Record<string, unknown>) => ({
        name: typeof document.name === 'string' ? document.name : id,
        themes: Array.isArray(document.themes) ? document.themes.length : 0,
      });
      const items = [
        { id: DEFAULT_TAXONOMY_ID, ...summary(DEFAULT_TAXONOMY_ID, app.engine.taxonomy), active: !anyActive, builtIn: true, updatedAt: null },
        ...stored.map((taxonomy) => ({ id: taxonomy.id, ...summary(taxonomy.id, taxonomy.taxonomy), active: taxonomy.active, builtIn: false, updatedAt: taxonomy.updatedAt })),
      ];
      return { items, nextCursor: null };
    },
  );

  app.get(
    '/taxonomies/:id',
    {
      schema: {
        tags: ['taxonomies'],
        summary: 'One taxonomy document',
        params: TaxonomyParamsSchema,
        response: { 200: TaxonomyDetailSchema, 404: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => detail(request.params.id),
  );

  app.put(
    '/taxonomies/:id',
    {
      schema: {
        tags: ['taxonomies'],
        summary: 'Create or replace a taxonomy (validated); ?activate=true also makes it active',
        description:
          'The body is a taxonomy document (version, id equal to the path id, name, stages, themes). An invalid one is ' +
          '400 VERBATIM_E_INVALID_TAXONOMY naming the JSON path. Replacing the active taxonomy re-tags stored feedback.',
        params: TaxonomyParamsSchema,
        querystring: ActivateQuerySchema,
        body: z.record(z.string(), z.unknown()).describe('Taxonomy document'),
        response: { 200: TaxonomyWriteResponseSchema, 201: TaxonomyWriteResponseSchema, 409: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (id === DEFAULT_TAXONOMY_ID) {
        throw new VerbatimError('VERBATIM_E_READ_ONLY', { what: 'Taxonomy', id, hint: 'PUT your taxonomy under another id and activate it' });
      }
      const source = `taxonomy "${id}"`;
      const taxonomy = parseTaxonomy(request.body, source);
      if (taxonomy.id !== id) {
        throw new VerbatimError('VERBATIM_E_INVALID_TAXONOMY', { source, path: 'id', detail: `expected the path id "${id}", found "${taxonomy.id}"` });
      }
      const { created } = await store.putTaxonomy(id, taxonomy);
      engines.invalidate(id);
      let job: StoredJob | null = null;
      if (request.query.activate === 'true') job = await activate(id);
      // The active taxonomy's document changed: stored results must follow it.
      if (job === null && (await store.activeTaxonomyId()) === id && !created) job = await startRetag(id);
      return reply.code(created ? 201 : 200).send({ ...(await detail(id)), job });
    },
  );

  app.post(
    '/taxonomies/:id/activate',
    {
      schema: {
        tags: ['taxonomies'],
        summary: "Make a taxonomy active ('default' for the built-in one); starts a re-tag job",
        params: TaxonomyParamsSchema,
        response: { 202: ActivateResponseSchema, 404: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const job = await activate(request.params.id);
      return reply.code(202).send({ id: request.params.id, active: true as const, job });
    },
  );
};
