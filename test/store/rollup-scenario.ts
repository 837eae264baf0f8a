/**
 * A write history that moves records between every rollup cell: an ingest, a re-ingest of the
 * same ids with other dates, scores, segments, revenue and themes (one batch repeating an id),
 * and a re-tag that rewrites stored records with other themes, none, or more, as the re-tag job
 * does; plus records with a score type but no score, which count in volumes and never as scored.
 * Used by the analytics contract and the rollup rebuild tests.
 */
import type { FeedbackStore } from '../../src/store/index.js';
import { recordFieldsOf } from '../../src/store/item-record.js';
import { resultFor, type ThemeSpec } from './fixtures.js';
import { SYNTHETIC_THEMES, syntheticRecords } from './synthetic-records.js';

/** The themes a re-tag gives the `index`-th listed record: none, one or two others. */
function retaggedThemes(index: number): ThemeSpec[] {
  const pick = (offset: number): ThemeSpec => {
    const theme = SYNTHETIC_THEMES[(index * 7 + offset) % SYNTHETIC_THEMES.length]!;
    return { id: theme.id, stage: theme.stage, score: ((index % 9) - 4) / 5 };
  };
  return [[], [pick(0)], [pick(1), pick(16)]][index % 3]!;
}

/**
 * Writes the history into an empty store: `count` records, then a third of them replaced and
 * a fifth re-tagged.
 * @example await writeRollupScenario(store, 600)
 */
export async function writeRollupScenario(store: FeedbackStore, count: number, days = 120): Promise<void> {
  await store.upsertFeedback(syntheticRecords(0, count, { seed: 11, days }));
  const replaced = syntheticRecords(0, Math.floor(count / 3), { seed: 12, days });
  const half = Math.floor(replaced.length / 2);
  await store.upsertFeedback(replaced.slice(0, half));
  await store.upsertFeedback([...replaced.slice(half), ...syntheticRecords(half + 1, 1, { seed: 13, days })]);
  await store.upsertFeedback(syntheticRecords(count, 30, { seed: 14, days }).map((record) => ({ ...record, score: null, scoreType: 'nps' as const })));
  const page = await store.listFeedback({}, { limit: Math.floor(count / 5) });
  await store.upsertFeedback(
    page.items.map((item, index) => ({ ...recordFieldsOf(item), result: resultFor(item.id, item.text, item.result.sentiment.score, retaggedThemes(index)) })),
  );
}
