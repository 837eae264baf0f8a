/**
 * Discovery: run theme discovery on the stored comments (a background job over the newest
 * matching comments), review the suggestions (accept, rename, set stage and seed terms, merge
 * one into another), add the accepted ones to the taxonomy and re-tag every stored comment.
 */
import { useEffect, useState } from 'preact/hooks';
import { ErrorState } from '../components/states.js';
import { request } from '../lib/api.js';
import { clearCache } from '../lib/cache.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatSentiment, formatShare } from '../lib/format.js';
import { navigate, parseHash } from '../lib/router.js';
import type { DiscoveredTheme, DiscoveryRun, Job } from '../lib/types.js';

/** How often a running job is polled (ms). */
const POLL_MS = 800;

interface Review {
  accept: boolean;
  label: string;
  stage: string;
  terms: string;
  /** Id of the suggestion this one is merged into; '' when not merged. */
  mergeInto: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function finished(job: Job): boolean {
  return job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';
}

function initialReview(theme: DiscoveredTheme): Review {
  const terms = [...new Set([theme.label, ...theme.keywords].map((term) => term.trim().toLowerCase()).filter(Boolean))].slice(0, 8);
  return { accept: false, label: theme.label, stage: theme.stage ?? 'product', terms: terms.join(', '), mergeInto: '' };
}

function Progress({ job, what }: { job: Job; what: string }) {
  const reading = job.total !== null && job.progress < job.total;
  return (
    <div class="progress" role="status" aria-live="polite" data-testid="job-progress">
      <progress max={job.total ?? 1} value={job.total === null ? undefined : job.progress} />
      <span>
        {what}: {job.status}
        {job.total !== null && ` · ${formatCount(job.progress)} of ${formatCount(job.total)}${!reading && job.status === 'running' && what === 'Discovery' ? ' read, clustering…' : ''}`}
      </span>
    </div>
  );
}

/** The discovery view. */
export function DiscoveryView() {
  const { query, stageOrder, stageLabel, taxonomyId, facets, link } = useDashboard();
  const runId = parseHash(location.hash).params.get('run');
  const [sampleSize, setSampleSize] = useState(Math.min(5000, Math.max(50, facets.total)));
  const [maxThemes, setMaxThemes] = useState(20);
  const [seed, setSeed] = useState(1);
  const [run, setRun] = useState<DiscoveryRun | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [reviews, setReviews] = useState<Record<string, Review>>({});
  const today = new Date().toISOString().slice(0, 10);
  const [taxonomy, setTaxonomy] = useState({ id: `reviewed-${today}`, name: `${taxonomyId} + discovered themes (${today})` });
  const [retag, setRetag] = useState<Job | null>(null);
  const [busy, setBusy] = useState(false);

  // Poll the run in the URL until it finishes.
  useEffect(() => {
    if (!runId) return;
    let current = true;
    (async () => {
      try {
        for (;;) {
          const answer = await request<DiscoveryRun>(`/v1/discovery/${encodeURIComponent(runId)}`);
          if (!current) return;
          setRun(answer);
          if (finished(answer.job)) {
            if (answer.result) setReviews(Object.fromEntries(answer.result.themes.map((theme) => [theme.id, initialReview(theme)])));
            return;
          }
          await sleep(POLL_MS);
        }
      } catch (failure) {
        if (current) setError(failure as Error);
      }
    })();
    return () => {
      current = false;
    };
  }, [runId]);

  const start = async () => {
    setError(null);
    setRun(null);
    setRetag(null);
    try {
      const job = await request<Job>('/v1/discovery', { method: 'POST', body: { sampleSize, maxThemes, seed, ...Object.fromEntries(Object.entries(query).filter(([, value]) => value)) } });
      navigate(link(['discovery'], { run: job.id }));
    } catch (failure) {
      setError(failure as Error);
    }
  };

  const themes = run?.result?.themes ?? [];
  const accepted = themes.filter((theme) => reviews[theme.id]?.accept && !reviews[theme.id]?.mergeInto);
  const setReview = (id: string, change: Partial<Review>) => setReviews({ ...reviews, [id]: { ...reviews[id]!, ...change } });

  const acceptAndRetag = async () => {
    if (!run) return;
    setBusy(true);
    setError(null);
    try {
      const entries = accepted.map((theme) => {
        const review = reviews[theme.id]!;
        const merged = themes.filter((other) => reviews[other.id]?.mergeInto === theme.id).map((other) => other.id);
        const terms = review.terms.split(',').map((term) => term.trim()).filter(Boolean);
        return { from: [theme.id, ...merged], label: review.label.trim(), stage: review.stage, ...(terms.length ? { terms } : {}) };
      });
      const built = await request<{ taxonomy: Record<string, unknown> }>(`/v1/discovery/${encodeURIComponent(run.job.id)}/taxonomy`, {
        method: 'POST',
        body: { id: taxonomy.id, name: taxonomy.name, themes: entries },
      });
      const stored = await request<{ job: Job | null }>(`/v1/taxonomies/${encodeURIComponent(taxonomy.id)}?activate=true`, { method: 'PUT', body: built.taxonomy });
      let job = stored.job;
      while (job && !finished(job)) {
        setRetag(job);
        await sleep(POLL_MS);
        job = await request<Job>(`/v1/jobs/${encodeURIComponent(job.id)}`);
      }
      if (job) setRetag(job);
      clearCache();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 class="view-title">Discovery</h1>
      <section class="card" aria-labelledby="discovery-run-title">
        <h2 id="discovery-run-title">Find themes the taxonomy misses</h2>
        <p class="muted small">
          Clusters the newest comments of the current selection (period, segment and channel filters apply), names each cluster and compares it with the active taxonomy
          (<strong>{taxonomyId}</strong>). Runs in the background on the server; a few seconds for a few thousand comments.
        </p>
        <form
          class="row row--wrap"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <div class="field">
            <label for="discovery-sample">Comments to read</label>
            <input id="discovery-sample" type="number" min={50} max={20000} step={50} value={sampleSize} onInput={(event) => setSampleSize(Number(event.currentTarget.value))} />
          </div>
          <div class="field">
            <label for="discovery-max">Most themes</label>
            <input id="discovery-max" type="number" min={2} max={60} value={maxThemes} onInput={(event) => setMaxThemes(Number(event.currentTarget.value))} />
          </div>
          <div class="field">
            <label for="discovery-seed">Seed</label>
            <input id="discovery-seed" type="number" min={0} value={seed} onInput={(event) => setSeed(Number(event.currentTarget.value))} />
          </div>
          <button type="submit" class="button button--primary" disabled={run !== null && !finished(run.job)}>
            Run discovery
          </button>
        </form>
        {run && !finished(run.job) && <Progress job={run.job} what="Discovery" />}
        {run?.job.status === 'failed' && <ErrorState error={new Error(run.job.error?.message ?? 'Discovery failed')} />}
        {error && <ErrorState error={error} />}
      </section>
      {run?.result && (
        <section class="card" aria-labelledby="suggestions-title">
          <h2 id="suggestions-title">
            {formatCount(themes.length)} suggested themes <span class="muted small">from {formatCount(run.result.records)} comments, {formatShare(run.result.coverage)} assigned</span>
          </h2>
          <p class="muted small">Tick the themes to add; rename them, set their journey stage and seed terms (the words that tag a comment), or merge one into another.</p>
          <ol class="suggestions" data-testid="suggestions">
            {themes.map((theme) => {
              const review = reviews[theme.id] ?? initialReview(theme);
              const nearest = theme.nearestTaxonomyTheme;
              return (
                <li class={`suggestion${review.accept && !review.mergeInto ? ' suggestion--accepted' : ''}`} data-testid="suggestion">
                  <div class="suggestion__head">
                    <label class="checkbox">
                      <input type="checkbox" checked={review.accept} disabled={review.mergeInto !== ''} onChange={(event) => setReview(theme.id, { accept: event.currentTarget.checked })} />
                      Accept
                    </label>
                    <div class="field field--grow">
                      <label for={`label-${theme.id}`} class="visually-hidden">
                        Name of suggestion {theme.label}
                      </label>
                      <input id={`label-${theme.id}`} class="suggestion__label" value={review.label} onInput={(event) => setReview(theme.id, { label: event.currentTarget.value })} />
                    </div>
                    <span class="muted">
                      {formatCount(theme.size)} comments ({formatShare(theme.share)})
                    </span>
                    {theme.sentiment && <span class={`pill pill--${theme.sentiment.label}`}>{theme.sentiment.label} {formatSentiment(theme.sentiment.score)}</span>}
                    {nearest === 'new' ? (
                      <span class="badge badge--emerging">new</span>
                    ) : nearest ? (
                      <span class="badge" title={`cosine ${nearest.similarity.toFixed(2)}`}>
                        like “{nearest.label}”
                      </span>
                    ) : null}
                  </div>
                  <div class="suggestion__body">
                    <div class="field">
                      <label for={`stage-${theme.id}`}>Stage</label>
                      <select id={`stage-${theme.id}`} value={review.stage} onChange={(event) => setReview(theme.id, { stage: event.currentTarget.value })}>
                        {stageOrder.map((id) => (
                          <option value={id}>{stageLabel(id)}</option>
                        ))}
                      </select>
                    </div>
                    <div class="field field--grow">
                      <label for={`terms-${theme.id}`}>Seed terms (comma-separated)</label>
                      <input id={`terms-${theme.id}`} value={review.terms} onInput={(event) => setReview(theme.id, { terms: event.currentTarget.value })} />
                    </div>
                    <div class="field">
                      <label for={`merge-${theme.id}`}>Merge into</label>
                      <select id={`merge-${theme.id}`} value={review.mergeInto} onChange={(event) => setReview(theme.id, { mergeInto: event.currentTarget.value, accept: event.currentTarget.value ? false : review.accept })}>
                        <option value="">— keep separate —</option>
                        {themes
                          .filter((other) => other.id !== theme.id && !reviews[other.id]?.mergeInto)
                          .map((other) => (
                            <option value={other.id}>{reviews[other.id]?.label ?? other.label}</option>
                          ))}
                      </select>
                    </div>
                  </div>
                  <details class="suggestion__examples">
                    <summary>Example comments</summary>
                    <ul>
                      {theme.representatives.map((item) => (
                        <li>{item.text.length > 280 ? `${item.text.slice(0, 280)}…` : item.text}</li>
                      ))}
                    </ul>
                  </details>
                </li>
              );
            })}
          </ol>
          <form
            class="accept-bar"
            onSubmit={(event) => {
              event.preventDefault();
              void acceptAndRetag();
            }}
          >
            <div class="field">
              <label for="taxonomy-id">New taxonomy id</label>
              <input id="taxonomy-id" value={taxonomy.id} pattern="[a-z0-9]+(-[a-z0-9]+)*" required onInput={(event) => setTaxonomy({ ...taxonomy, id: event.currentTarget.value })} />
            </div>
            <div class="field field--grow">
              <label for="taxonomy-name">Name</label>
              <input id="taxonomy-name" value={taxonomy.name} required onInput={(event) => setTaxonomy({ ...taxonomy, name: event.currentTarget.value })} />
            </div>
            <button type="submit" class="button button--primary" disabled={accepted.length === 0 || busy}>
              Add {accepted.length} theme{accepted.length === 1 ? '' : 's'} to {taxonomyId} and re-tag
            </button>
          </form>
          {retag && <Progress job={retag} what="Re-tag" />}
          {retag?.status === 'succeeded' && (
            <p class="success" role="status" data-testid="retag-done">
              Taxonomy <strong>{taxonomy.id}</strong> is active and {formatCount(retag.progress)} comments were re-tagged. See them in <a href={link(['themes'])}>Themes</a>.
            </p>
          )}
        </section>
      )}
    </>
  );
}
