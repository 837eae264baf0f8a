/**
 * Comments: full-text search and filters by theme, stage, sentiment, score band and language, on top of
 * the global filters; each comment with its evidence highlighted. Filters live in the URL.
 */
import { useEffect, useState } from 'preact/hooks';
import { CommentList } from '../components/comment-list.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, LANGUAGE_NAMES } from '../lib/format.js';
import { navigate, parseHash } from '../lib/router.js';

const LOCAL_KEYS = ['q', 'theme', 'stage', 'sentiment', 'band', 'language'] as const;
type LocalKey = (typeof LOCAL_KEYS)[number];

/** The comments view. */
export function CommentsView() {
  const { query, facets, stageOrder, stageLabel, link } = useDashboard();
  const params = parseHash(location.hash).params;
  const local = Object.fromEntries(LOCAL_KEYS.map((key) => [key, params.get(key) ?? ''])) as Record<LocalKey, string>;
  const [text, setText] = useState(local.q);
  useEffect(() => setText(local.q), [local.q]);
  const update = (change: Partial<Record<LocalKey, string>>) => {
    const next = { ...local, ...change };
    navigate(link(['comments'], Object.fromEntries(Object.entries(next).filter(([, value]) => value !== ''))), true);
  };
  const active = LOCAL_KEYS.some((key) => local[key] !== '');
  return (
    <>
      <h1 class="view-title">Comments</h1>
      <form
        class="card comment-filters"
        role="search"
        aria-label="Search and filter comments"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: text.trim() });
        }}
      >
        <div class="field field--grow">
          <label for="comment-search">Search text</label>
          <div class="row">
            <input id="comment-search" type="search" value={text} placeholder='e.g. refund or "runs small"' onInput={(event) => setText(event.currentTarget.value)} />
            <button type="submit" class="button button--primary">
              Search
            </button>
          </div>
        </div>
        <div class="field">
          <label for="comment-theme">Theme</label>
          <select id="comment-theme" value={local.theme} onChange={(event) => update({ theme: event.currentTarget.value })}>
            <option value="">Any theme</option>
            {[...facets.themes]
              .sort((a, b) => a.label.localeCompare(b.label))
              .map((theme) => (
                <option value={theme.id}>
                  {theme.label} ({formatCount(theme.count)})
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="comment-stage">Stage</label>
          <select id="comment-stage" value={local.stage} onChange={(event) => update({ stage: event.currentTarget.value })}>
            <option value="">Any stage</option>
            {stageOrder.map((id) => (
              <option value={id}>{stageLabel(id)}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="comment-sentiment">Sentiment</label>
          <select id="comment-sentiment" value={local.sentiment} onChange={(event) => update({ sentiment: event.currentTarget.value })}>
            <option value="">Any sentiment</option>
            <option value="negative">Negative</option>
            <option value="mixed">Mixed</option>
            <option value="neutral">Neutral</option>
            <option value="positive">Positive</option>
          </select>
        </div>
        <div class="field">
          <label for="comment-band">Score band</label>
          <select id="comment-band" value={local.band} onChange={(event) => update({ band: event.currentTarget.value })}>
            <option value="">Any score</option>
            <option value="detractor">Detractor (NPS 0–6, CSAT 1–2, CES 1–3)</option>
            <option value="passive">Passive (NPS 7–8, CSAT 3, CES 4)</option>
            <option value="promoter">Promoter (NPS 9–10, CSAT 4–5, CES 5–7)</option>
          </select>
        </div>
        <div class="field">
          <label for="comment-language">Language</label>
          <select id="comment-language" value={local.language} onChange={(event) => update({ language: event.currentTarget.value })}>
            <option value="">Any language</option>
            {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
              <option value={code}>{name}</option>
            ))}
          </select>
        </div>
        {active && (
          <button type="button" class="button button--ghost" onClick={() => { setText(''); update({ q: '', theme: '', stage: '', sentiment: '', band: '', language: '' }); }}>
            Clear
          </button>
        )}
      </form>
      <section class="card">
        <CommentList filter={{ ...query, ...local }} focusTheme={local.theme || undefined} label="Comments" />
      </section>
    </>
  );
}
