/**
 * Ingest: check each incoming record, analyze the valid ones, store them in one upsert. Shared by
 * POST /v1/feedback and the demo loader. A bad record (wrong type, invalid date, score off its
 * scale, rejected text) is reported with its position and the rest are still stored, because a
 * CX platform re-posting a 1,000-record batch over one typo would lose the other 999.
 */
import type { Engine } from '../engine.js';
import { describeValue, VerbatimError } from '../errors.js';
import { isErrorResult, type AnalysisResult } from '../contract.js';
import { normalizeFeedbackRecord, type FeedbackRecord, type FeedbackStore } from '../store/index.js';
import { formatIssuePath } from './errors.js';
import { FeedbackInputSchema, type FeedbackInput } from './schemas.js';

export interface IngestFailure {
  /** 0-based position in the request. */
  index: number;
  id: string | null;
  error: { code: string; message: string };
}

export interface IngestSummary {
  inserted: number;
  updated: number;
  failed: IngestFailure[];
  /** Records the engine analyzed (valid shape), for telemetry. */
  analyzed: number;
}

function idOf(value: unknown): string | null {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string') return id;
    if (typeof id === 'number' && Number.isInteger(id)) return String(id);
  }
  return null;
}

function shapeError(value: unknown): VerbatimError {
  const parsed = FeedbackInputSchema.safeParse(value);
  const issue = parsed.error!.issues[0]!;
  const field = formatIssuePath(issue.path);
  const id = idOf(value);
  const found = issue.path.length === 1 && typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[String(issue.path[0])] : value;
  return new VerbatimError('VERBATIM_E_INVALID_FEEDBACK', {
    id: id === null ? '(no valid id)' : JSON.stringify(id),
    field,
    // zod says "Invalid input" for a missing member of a union (id: string | number): say missing.
    detail: found === undefined && issue.path.length === 1 ? 'is required' : issue.message,
    found: describeValue(found),
  });
}

function toFeedbackRecord(input: FeedbackInput, result: AnalysisResult): FeedbackRecord {
  return {
    id: String(input.id),
    text: input.text,
    date: input.date,
    score: input.score ?? null,
    scoreType: input.scoreType ?? null,
    segment: input.segment ?? null,
    channel: input.channel ?? null,
    accountId: input.accountId ?? null,
    revenue: input.revenue ?? null,
    metadata: input.metadata ?? {},
    result: { ...result, id: String(input.id) },
  };
}

/**
 * Checks, analyzes and upserts one batch. Throws only when the store itself fails
 * (VERBATIM_E_STORE); every record-level problem lands in `failed`.
 * @example
 * await ingestFeedback(engine, store, [{ id: 'a', text: 'late again', date: '2026-03-01' }]);
 * // { inserted: 1, updated: 0, failed: [], analyzed: 1 }
 */
export async function ingestFeedback(engine: Engine, store: FeedbackStore, records: readonly unknown[]): Promise<IngestSummary> {
  const failed: IngestFailure[] = [];
  const valid: { index: number; input: FeedbackInput }[] = [];
  records.forEach((record, index) => {
    const parsed = FeedbackInputSchema.safeParse(record);
    if (parsed.success) valid.push({ index, input: parsed.data });
    else failed.push({ index, id: idOf(record), error: shapeError(record).toJSON() });
  });

  const lines = await engine.analyzeBatch(
    valid.map(({ input }) => ({ id: String(input.id), text: input.text, metadata: input.metadata ?? {} })),
  );
  const ready: FeedbackRecord[] = [];
  valid.forEach(({ index, input }, position) => {
    const line = lines[position]!;
    const id = String(input.id);
    if (isErrorResult(line)) {
      failed.push({ index, id, error: line.error });
      return;
    }
    const record = toFeedbackRecord(input, line);
    try {
      // The store validates the whole batch and rejects it on one bad record: pre-check here.
      normalizeFeedbackRecord(record);
      ready.push(record);
    } catch (error) {
      if (!(error instanceof VerbatimError)) throw error;
      failed.push({ index, id, error: error.toJSON() });
    }
  });
  failed.sort((left, right) => left.index - right.index);
  const summary = ready.length > 0 ? await store.upsertFeedback(ready) : { inserted: 0, updated: 0 };
  return { inserted: summary.inserted, updated: summary.updated, failed, analyzed: valid.length };
}
