/**
 * The dashboard shell: header, global filter bar, view tabs and the current view. Loads what
 * every view shares (facets of the stored feedback, the active taxonomy) and provides it with
 * the filters through DashboardContext. Filters live in the URL hash, so views are linkable.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ApiKeyControl } from './components/api-key.js';
import { FilterBar } from './components/filter-bar.js';
import { ErrorState, Loading } from './components/states.js';
import { DashboardContext, type DashboardState } from './lib/dashboard-context.js';
import { apiFilters, filtersFromParams, filtersToParams, intervalFor, periodRange, type Filters } from './lib/filters.js';
import { formatCount, type MetricId } from './lib/format.js';
import { hashOf, navigate, useRoute } from './lib/router.js';
import type { Facets, TaxonomyDocument, TaxonomySummary } from './lib/types.js';
import { useApi } from './lib/use-api.js';
import { CommentsView } from './views/comments.js';
import { DiscoveryView } from './views/discovery.js';
import { DriversView } from './views/drivers.js';
import { JourneyView } from './views/journey.js';
import { OverviewView } from './views/overview.js';
import { ThemeDetailView } from './views/theme-detail.js';
import { ThemesView } from './views/themes.js';

const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'themes', label: 'Themes' },
  { id: 'drivers', label: 'Drivers' },
  { id: 'journey', label: 'Journey' },
  { id: 'comments', label: 'Comments' },
  { id: 'discovery', label: 'Discovery' },
] as const;

/** The metric with the most valid scores in the store (CSAT for the demo). */
function defaultMetric(facets: Facets): MetricId {
  const best = [...facets.scoreTypes].sort((a, b) => b.count - a.count)[0];
  return best && (best.value === 'nps' || best.value === 'csat' || best.value === 'ces') ? best.value : 'nps';
}

/** The app. */
export function App() {
  const route = useRoute();
  const viewId = VIEWS.some((view) => view.id === route.segments[0]) ? route.segments[0]! : 'overview';
  const filters = filtersFromParams(route.params);
  const facets = useApi<Facets>('/v1/dashboard/facets');
  const taxonomies = useApi<{ items: TaxonomySummary[] }>('/v1/taxonomies');
  const activeId = taxonomies.data?.items.find((item) => item.active)?.id ?? null;
  const taxonomy = useApi<{ taxonomy: TaxonomyDocument }>(activeId ? `/v1/taxonomies/${encodeURIComponent(activeId)}` : null);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (route.segments.length === 0) navigate(hashOf(['overview'], filtersToParams(filters)), true);
  }, [route.segments.length]);
  // Moving to another view moves focus to it, so keyboard and screen-reader users land there.
  const viewKey = route.segments.slice(0, 2).join('/');
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: false });
  }, [viewKey]);

  const state = useMemo<DashboardState | null>(() => {
    if (!facets.data) return null;
    const data = facets.data;
    const doc = taxonomy.data?.taxonomy ?? null;
    const stages = doc ? [...doc.stages].sort((a, b) => a.order - b.order) : [];
    const stageLabels = new Map(stages.map((stage) => [stage.id, stage.label]));
    const setFilters = (update: Partial<Filters>) => {
      const next = { ...filters, ...update };
      if (update.period === 'custom' && !next.from && !next.to) {
        Object.assign(next, { from: data.first?.slice(0, 10) ?? '', to: data.last?.slice(0, 10) ?? '' });
      }
      navigate(hashOf(route.segments, { ...viewParams(route.params), ...filtersToParams(next) }));
    };
    const query = apiFilters(filters, data.last);
    return {
      filters,
      setFilters,
      facets: data,
      metric: filters.metric || defaultMetric(data),
      query,
      interval: intervalFor(periodRange(filters, data.last), data.first, data.last),
      taxonomyId: activeId ?? 'default',
      taxonomy: doc,
      stageLabel: (id: string) => stageLabels.get(id) ?? id,
      stageOrder: stages.length ? stages.map((stage) => stage.id) : ['awareness', 'purchase', 'onboarding', 'delivery', 'product', 'support', 'billing', 'renewal'],
      link: (segments, extra = {}) => hashOf(segments, { ...filtersToParams(filters), ...extra }),
    };
  }, [facets.data, taxonomy.data, activeId, route]);

  return (
    <>
      <a class="skip-link" href="#main" onClick={(event) => { event.preventDefault(); main.current?.focus(); }}>
        Skip to content
      </a>
      <header class="app-header">
        <div class="app-header__brand">
          <span class="logo" aria-hidden="true">V</span>
          <span>
            <strong>Verbatim</strong> <span class="muted">feedback analytics</span>
          </span>
        </div>
        <div class="app-header__meta">
          {facets.data && (
            <span class="muted" data-testid="total-feedback">
              {formatCount(facets.data.total)} comments stored
            </span>
          )}
          {activeId && <span class="muted">Taxonomy: <strong>{activeId}</strong></span>}
          <a class="muted" href="/docs">API docs</a>
          <ApiKeyControl />
        </div>
      </header>
      {state ? (
        <DashboardContext.Provider value={state}>
          <div class="toolbar">
            <nav class="tabs" aria-label="Views">
              {VIEWS.map((view) => (
                <a class="tab" href={state.link([view.id])} aria-current={viewId === view.id ? 'page' : undefined}>
                  {view.label}
                </a>
              ))}
            </nav>
            <FilterBar />
          </div>
          <main id="main" ref={main} tabIndex={-1} class="main">
            {state.facets.total === 0 && viewId !== 'discovery' ? (
              <div class="state state--empty">
                <h1>No feedback stored yet</h1>
                <p>
                  POST records to <code>/v1/feedback</code> (see <a href="/docs">/docs</a>) or start the server with the demo data (<code>VERBATIM_DEMO=1</code>, the default, on an empty database).
                </p>
              </div>
            ) : (
              <View id={viewId} detail={route.segments[1]} />
            )}
          </main>
        </DashboardContext.Provider>
      ) : (
        <main id="main" ref={main} tabIndex={-1} class="main">
          {facets.error ? <ErrorState error={facets.error} /> : <Loading label="Loading the dashboard…" height={300} />}
        </main>
      )}
    </>
  );
}

const FILTER_KEYS = new Set(['period', 'from', 'to', 'segment', 'channel', 'metric']);

/** The route's own parameters (e.g. a comment search), without the global filters. */
function viewParams(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params].filter(([key]) => !FILTER_KEYS.has(key)));
}

function View({ id, detail }: { id: string; detail?: string }) {
  switch (id) {
    case 'themes':
      return detail ? <ThemeDetailView themeId={detail} /> : <ThemesView />;
    case 'drivers':
      return <DriversView />;
    case 'journey':
      return <JourneyView />;
    case 'comments':
      return <CommentsView />;
    case 'discovery':
      return <DiscoveryView />;
    default:
      return <OverviewView />;
  }
}
