/**
 * The discovery job: runs theme discovery (src/discovery) on a bounded sample of the stored
 * comments, newest first, so an analyst can review suggested themes in the dashboard. The
 * result is held in memory by job id (the newest few): it is a review aid, recomputed in
 * seconds, not a record worth a table. A server restart re-runs an unfinished job (job runner
 * resume) and forgets finished results, which the API reports as 404.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DiscoveredTheme, DiscoveryInput } from '../../discovery/index.js';
import { discoverThemes } from '../../discovery/index.js';
import type { Engine } from '../../engine.js';
import type { FeedbackFilter, FeedbackStore } from '../../store/index.js';
import type { JobWork } from './job-runner.js';

/** The job kind in the jobs table. */
export const DISCOVER_JOB_KIND = 'discover';

/**
 * Comments a discovery reads when not told: ~5 s of work on this 2-core machine (3,000 demo
 * comments took 5.0 s with `verbatim discover`), enough for themes down to ~10 mentions.
 */
export const DEFAULT_DISCOVERY_SAMPLE = 5_000;
/**
 * Most comments one discovery reads. Discovery runs in the server process and its clustering
 * holds the event loop for a few seconds at a time; 20k keeps that under ~20 s in all.
 */
export const MAX_DISCOVERY_SAMPLE = 20_000;
/**
 * Most characters of comment text one discovery reads: the sample stops early when the comments are
 * long. Discovery holds every text and its features in the server process (256 MB old space under
 * `npm start`): 20k bench comments (~3.9M characters) took 8.5 s and 615 MB peak RSS, while 20k
 * comments near the 20,000-character limit would be ~400M characters and exhaust the heap.
 */
export const MAX_DISCOVERY_CHARS = 4_000_000;
/** Default cap on suggested themes (fewer than the CLI's 50: each one is reviewed by hand). */
export const DEFAULT_DISCOVERY_THEMES = 30;
/** Finished results kept in memory; older ones are dropped (their jobs stay listed). */
export const KEPT_DISCOVERY_RESULTS = 5;
/** Records read per store page. */
const READ_PAGE_SIZE = 500;

/** What a discovery job is asked to do (its `params` row). */
export interface DiscoveryJobParams {
  sampleSize: number;
  maxThemes: number;
  seed: number;
  filter: Pick<FeedbackFilter, 'from' | 'to' | 'segment' | 'channel'>;
}

/** A finished discovery: suggested themes (assignments dropped: they can be large) and coverage. */
export interface StoredDiscovery {
  records: number;
  coverage: number;
  taxonomyId: string;
  themes: DiscoveredTheme[];
}

/** Finished results by job id, newest last, at most KEPT_DISCOVERY_RESULTS. */
export class DiscoveryResults {
  private readonly results = new Map<string, StoredDiscovery>();

  /** Keeps a result, dropping the oldest beyond the limit. */
  set(jobId: string, result: StoredDiscovery): void {
    this.results.delete(jobId);
    this.results.set(jobId, result);
    while (this.results.size > KEPT_DISCOVERY_RESULTS) this.results.delete(this.results.keys().next().value!);
  }

  get(jobId: string): StoredDiscovery | null {
    return this.results.get(jobId) ?? null;
  }
}

/**
 * The work of a discovery job. `engine` resolves the active taxonomy's engine when the job
 * starts: suggestions name their nearest theme in it (or "new"). `detectLanguages` false (the
 * server's VERBATIM_LANGUAGE_DETECT=0) reads every comment as English.
 * @example runner.submit(DISCOVER_JOB_KIND, params, discoverWork(store, () => engines.resolve(), results))
 */
export function discoverWork(
  store: FeedbackStore,
  engine: () => Promise<Engine>,
  results: DiscoveryResults,
  activeTaxonomyId: () => Promise<string>,
  maxChars = MAX_DISCOVERY_CHARS,
  detectLanguages = true,
): JobWork {
  return async ({ job, report, cancelled }) => {
    const params = job.params as unknown as DiscoveryJobParams;
    const analyzer = await engine();
    const taxonomyId = await activeTaxonomyId();
    const total = Math.min(await store.countFeedback(params.filter), params.sampleSize);
    await report(0, total);
    const records: DiscoveryInput[] = [];
    let characters = 0;
    let cursor: string | null = null;
    do {
      const page = await store.listFeedback(params.filter, { limit: Math.min(READ_PAGE_SIZE, total - records.length), cursor });
      for (const item of page.items) {
        if (characters >= maxChars) break;
        records.push({ id: item.id, text: item.text });
        characters += item.text.length;
      }
      await report(records.length);
      cursor = page.nextCursor;
      await nextTurn();
    } while (cursor !== null && records.length < total && characters < maxChars && !cancelled());
    if (cancelled()) return;
    // A sample cut short by the character budget: its size is the job's total.
    if (records.length < total) await report(records.length, records.length);
    const result = await discoverThemes(records, {
      seed: params.seed,
      maxThemes: params.maxThemes,
      sampleSize: params.sampleSize,
      taxonomy: analyzer.taxonomy,
      detectLanguages,
    });
    results.set(job.id, { records: records.length, coverage: result.coverage, taxonomyId, themes: result.themes });
  };
}
