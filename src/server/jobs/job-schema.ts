/** The job shape the jobs and taxonomies routes return (GET /v1/jobs/:id, activation responses). */
import { z } from 'zod';
import { JOB_STATUSES } from '../../store/index.js';

export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string().describe("'retag': re-analyze stored feedback with the active taxonomy; 'discover': theme discovery on stored comments; 'ingest': an async POST /v1/feedback?async=true batch, analyzed by queue workers; 'queued-retag': a re-tag through the queue"),
    status: z.enum(JOB_STATUSES),
    progress: z.number().int().describe('Records done'),
    total: z.number().int().nullable().describe('Records to do; null until counted'),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    params: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .describe('Job');

