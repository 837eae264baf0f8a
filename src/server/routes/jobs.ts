/** GET /v1/jobs and GET /v1/jobs/:id: background jobs (taxonomy re-tags) and their progress. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VerbatimError } from '../../errors.js';
import { JOB_STATUSES } from '../../store/index.js';
import { COMMON_ERROR_RESPONSES, ErrorResponseSchema, listResponse } from '../errors.js';
import { JobSchema } from '../jobs/job-schema.js';

/** Most jobs one listing returns (newest first). */
export const MAX_JOBS_LISTED = 100;

/** Registers GET /jobs and GET /jobs/:id. */
export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/jobs',
    {
      schema: {
        tags: ['taxonomies'],
        summary: `Recent background jobs, newest first (at most ${MAX_JOBS_LISTED})`,
        querystring: z.strictObject({ status: z.enum(JOB_STATUSES).optional() }),
        response: { 200: listResponse(JobSchema), ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { status } = request.query;
      const items = await app.store.listJobs({ statuses: status ? [status] : [], limit: MAX_JOBS_LISTED });
      return { items, nextCursor: null };
    },
  );

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['taxonomies'],
        summary: 'One job: status (queued, running, succeeded, failed, cancelled) and progress',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: JobSchema, 404: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const job = await app.store.getJob(request.params.id);
      if (!job) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Job', id: request.params.id });
      return job;
    },
  );
};
