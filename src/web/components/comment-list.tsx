/**
 * A page of stored comments from GET /v1/feedback (newest first, keyset cursor), with the total
 * from /v1/dashboard/count and Previous / Next. Never loads more than one page into the browser.
 */
import { useEffect, useState } from 'preact/hooks';
import { queryString, type QueryValue } from '../lib/api.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatDate, languageName, METRIC_NAMES } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import type { FeedbackItem, FeedbackPage } from '../lib/types.js';
import { CommentText, HighlightLegend } from './comment-text.js';
import { Empty, ErrorState, Loading } from './states.js';

const SCALE_MAX: Record<string, number> = { nps: 10, csat: 5, ces: 7 };

function CommentCard({ item, focusTheme }: { item: FeedbackItem; focusTheme?: string }) {
  const { link, stageLabel } = useDashboard();
  const sentiment = item.result.sentiment.label;
  return (
    <article class="comment" aria-label={`Comment of ${formatDate(item.date)}`} data-testid="comment">
      <header class="comment__meta">
        <time dateTime={item.date}>{formatDate(item.date)}</time>
        {item.score !== null && item.scoreType && (
          <span class={`badge badge--${item.scoreBand ?? 'none'}`} title={`${METRIC_NAMES[item.scoreType]} score ${item.score} of ${SCALE_MAX[item.scoreType]} (${item.scoreBand ?? 'no band'})`}>
            {METRIC_NAMES[item.scoreType]} {item.score}/{SCALE_MAX[item.scoreType]}
          </span>
        )}
        <span class={`pill pill--${sentiment}`}>{sentiment}</span>
        {item.result.language && item.result.language !== 'en' && (
          <span class="badge badge--none" title="Read with this language's lexicon: no emotions, English taxonomy">
            {languageName(item.result.language)}
          </span>
        )}
        {item.segment && <span class="muted">{item.segment}</span>}
        {item.channel && <span class="muted">{item.channel}</span>}
        <span class="muted comment__id">{item.id}</span>
      </header>
      <CommentText item={item} focusTheme={focusTheme} />
      {(item.result.themes.length > 0 || item.result.stages.length > 0) && (
        <footer class="comment__tags">
          {item.result.themes.map((theme) => (
            <a class={`chip chip--${theme.sentiment.label}`} href={link(['themes', theme.id])} title={`Open theme ${theme.label}`}>
              {theme.label} <span class="chip__note">{theme.sentiment.label}</span>
            </a>
          ))}
          {item.result.stages.map((stage) => (
            <span class="chip chip--stage">{stageLabel(stage.id)}</span>
          ))}
        </footer>
      )}
    </article>
  );
}

/** Comments matching `filter` (global filters already merged in by the caller), one page at a time. */
export function CommentList({ filter, pageSize = 20, focusTheme, label }: { filter: Record<string, QueryValue>; pageSize?: number; focusTheme?: string; label: string }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const key = queryString(filter);
  useEffect(() => setCursors([null]), [key]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useApi<FeedbackPage>(`/v1/feedback${queryString({ ...filter, limit: pageSize, cursor })}`);
  const count = useApi<{ count: number }>(`/v1/dashboard/count${key}`);
  const first = (cursors.length - 1) * pageSize + 1;
  return (
    <section class="comment-list" aria-label={label}>
      <div class="comment-list__bar">
        <p class="comment-list__count" aria-live="polite" data-testid="comment-count">
          {count.data ? (
            count.data.count === 0 ? (
              'No comments match'
            ) : (
              <>
                Showing <strong>{formatCount(first)}–{formatCount(Math.min(first + pageSize - 1, count.data.count))}</strong> of{' '}
                <strong>{formatCount(count.data.count)}</strong> comments
              </>
            )
          ) : (
            'Counting…'
          )}
        </p>
        <HighlightLegend />
      </div>
      {page.error ? (
        <ErrorState error={page.error} />
      ) : page.data === null ? (
        <Loading label="Loading comments…" />
      ) : page.data.items.length === 0 ? (
        <Empty>No comments match these filters. Widen the period or clear a filter.</Empty>
      ) : (
        <div class={page.loading ? 'is-refreshing' : undefined} aria-busy={page.loading}>
          {page.data.items.map((item) => (
            <CommentCard key={item.id} item={item} focusTheme={focusTheme} />
          ))}
        </div>
      )}
      <nav class="pager" aria-label="Comment pages">
        <button type="button" class="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← Previous
        </button>
        <span class="muted">Page {cursors.length}</span>
        <button
          type="button"
          class="button"
          disabled={!page.data?.nextCursor || page.loading}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          Next →
        </button>
      </nav>
    </section>
  );
}
