/**
 * Themes: every theme mentioned in the selection with its volume, share, sentiment mix, score
 * among mentioners, impact on the overall score, mentions per period and an emerging badge.
 * Sortable by any column; a theme opens its detail.
 */
import { useMemo, useState } from 'preact/hooks';
import { SentimentBar, SentimentLegend } from '../components/sentiment-bar.js';
import { Sparkline } from '../components/sparkline.js';
import { SortableTable, type Column } from '../components/sortable-table.js';
import { ErrorState, Loading, Empty } from '../components/states.js';
import { queryString } from '../lib/api.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatDelta, isNegativeDelta, formatMetric, formatSentiment, formatShare, METRIC_NAMES } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import type { Driver, DriversResponse, EmergingTheme, ThemeSeries, TrendsResponse } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';

interface ThemeRow extends Driver {
  net: number | null;
  series: number[];
  emerging: EmergingTheme | null;
  parentLabel: string | null;
}

/** Net sentiment: (positive − negative) / mentions, in [-1, 1]. */
export function netSentiment(driver: Pick<Driver, 'sentiment' | 'volume'>): number | null {
  return driver.volume > 0 ? (driver.sentiment.positive - driver.sentiment.negative) / driver.volume : null;
}

/** The themes view. */
export function ThemesView() {
  const { query, metric, interval, link, taxonomy, stageLabel } = useDashboard();
  const [search, setSearch] = useState('');
  const drivers = useApi<DriversResponse>(`/v1/drivers${queryString({ ...query, metric, level: 'theme' })}`);
  const series = useApi<ThemeSeries>(`/v1/dashboard/theme-series${queryString({ ...query, interval })}`);
  const trends = useApi<TrendsResponse>(`/v1/trends${queryString({ ...query, metric, interval })}`);
  const name = METRIC_NAMES[metric];

  const rows = useMemo<ThemeRow[] | null>(() => {
    if (!drivers.data) return null;
    const counts = new Map((series.data?.themes ?? []).map((theme) => [theme.id, theme.counts]));
    const emerging = new Map((trends.data?.emerging ?? []).map((theme) => [theme.id, theme]));
    const labels = new Map((taxonomy?.themes ?? []).map((theme) => [theme.id, theme]));
    const empty = new Array<number>(series.data?.periods.length ?? 0).fill(0);
    return drivers.data.drivers.map((driver) => {
      const parent = labels.get(driver.id)?.parent;
      return {
        ...driver,
        net: netSentiment(driver),
        series: counts.get(driver.id) ?? empty,
        emerging: emerging.get(driver.id) ?? null,
        parentLabel: parent ? (labels.get(parent)?.label ?? parent) : null,
      };
    });
  }, [drivers.data, series.data, trends.data, taxonomy]);

  const periods = series.data?.periods ?? [];
  const columns: Column<ThemeRow>[] = [
    {
      id: 'label',
      label: 'Theme',
      sortValue: (row) => row.label ?? row.id,
      render: (row) => (
        <span class="theme-cell">
          <a href={link(['themes', row.id])} class="theme-link">
            {row.label ?? row.id}
          </a>
          {row.emerging && (
            <span class="badge badge--emerging" title={`${formatShare(row.emerging.windowShare)} of comments in the latest ${interval} vs ${formatShare(row.emerging.historyShare)} before`}>
              {row.emerging.isNew ? 'new' : 'emerging'}
            </span>
          )}
          <span class="theme-cell__meta muted">
            {stageLabel(row.stage ?? '')}
            {row.parentLabel ? ` · under ${row.parentLabel}` : ''}
          </span>
        </span>
      ),
    },
    { id: 'volume', label: 'Mentions', numeric: true, description: 'Comments mentioning the theme', sortValue: (row) => row.volume, render: (row) => formatCount(row.volume) },
    { id: 'share', label: 'Share', numeric: true, description: 'Mentions / all comments in the selection', sortValue: (row) => row.share, render: (row) => formatShare(row.share) },
    {
      id: 'sentiment',
      label: 'Sentiment',
      description: 'Mix of the theme’s sentiment in each mention (negative, mixed, neutral, positive); sorted by net sentiment',
      sortValue: (row) => row.net,
      render: (row) => (
        <span class="sentiment-cell">
          <SentimentBar mix={row.sentiment} width={100} />
          <span class="num muted">{formatSentiment(row.net)}</span>
        </span>
      ),
    },
    {
      id: 'score',
      label: `${name} of mentioners`,
      numeric: true,
      description: `${name} among comments mentioning the theme`,
      sortValue: (row) => (row.n > 0 ? row.score : null),
      render: (row) => (row.n > 0 ? <span title={`n = ${formatCount(row.n)}`}>{formatMetric(metric, row.score)}</span> : <span class="muted">no scores</span>),
    },
    {
      id: 'impact',
      label: 'Impact',
      numeric: true,
      description: `Overall ${name} minus ${name} of comments not mentioning it: negative means the theme pulls the score down`,
      sortValue: (row) => row.impact,
      render: (row) => <span class={isNegativeDelta(metric, row.impact) ? 'negative-number' : undefined}>{formatDelta(metric, row.impact)}</span>,
    },
    {
      id: 'trend',
      label: `Per ${interval}`,
      description: `Mentions per ${interval}; sorted by the latest ${interval}`,
      sortValue: (row) => row.series[row.series.length - 1] ?? 0,
      render: (row) => <Sparkline values={row.series} periods={periods} label={`Mentions of ${row.label ?? row.id} per ${interval}`} />,
    },
  ];

  const needle = search.trim().toLowerCase();
  const visible = rows?.filter((row) => !needle || (row.label ?? row.id).toLowerCase().includes(needle)) ?? null;
  return (
    <>
      <div class="view-head">
        <h1 class="view-title">Themes</h1>
        <div class="field field--inline">
          <label for="theme-search">Find a theme</label>
          <input id="theme-search" type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} placeholder="e.g. sizing" />
        </div>
        <SentimentLegend />
      </div>
      <section class="card" aria-label="Themes table">
        {drivers.error ? (
          <ErrorState error={drivers.error} />
        ) : visible === null ? (
          <Loading label="Loading themes…" height={300} />
        ) : visible.length === 0 ? (
          <Empty>{rows?.length ? 'No theme matches that name.' : 'No theme is mentioned in this selection.'}</Empty>
        ) : (
          <div class={drivers.loading ? 'is-refreshing' : undefined} aria-busy={drivers.loading}>
            <p class="muted small">
              {formatCount(visible.length)} themes · overall {name} {formatMetric(metric, drivers.data?.overall.value)} (n = {formatCount(drivers.data?.overall.n)}). Click a theme for its trend, sub-themes and comments.
            </p>
            <SortableTable
              rows={visible}
              columns={columns}
              rowKey={(row) => row.id}
              caption="Themes"
              initialSort={{ id: 'volume', direction: 'descending' }}
              onRowClick={(row) => navigate(link(['themes', row.id]))}
              testId="themes-table"
            />
          </div>
        )}
      </section>
    </>
  );
}
