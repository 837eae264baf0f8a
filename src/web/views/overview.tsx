/**
 * Overview: NPS, CSAT and CES with their counts, confidence interval and trend, then volume and
 * sentiment per period and the themes flagged emerging, then the selected score per language.
 * Every number follows the global filters.
 */
import { useMemo } from 'preact/hooks';
import type { ChartConfiguration } from 'chart.js';
import { ChartView } from '../components/chart.js';
import { LanguageScores } from '../components/language-scores.js';
import { Loadable } from '../components/states.js';
import { queryString } from '../lib/api.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatMetric, formatPeriod, formatSentiment, formatShare, METRIC_NAMES, METRIC_UNITS, type MetricId } from '../lib/format.js';
import { OKABE_ITO } from '../lib/palette.js';
import type { MetricGroups, MetricOverall, TrendsResponse } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { volumeSentimentChart } from '../lib/volume-chart.js';

const BAND_NAMES: Record<MetricId, [string, string, string]> = {
  nps: ['Promoters', 'Passives', 'Detractors'],
  csat: ['Satisfied', 'Neutral', 'Dissatisfied'],
  ces: ['Easy', 'Neutral', 'Difficult'],
};

function BandBar({ metric, counts }: { metric: MetricId; counts: MetricOverall['counts'] }) {
  const total = counts.promoter + counts.passive + counts.detractor;
  if (total === 0) return null;
  const [good, middle, bad] = BAND_NAMES[metric];
  const parts = [
    { name: bad, count: counts.detractor, color: OKABE_ITO.vermillion },
    { name: middle, count: counts.passive, color: '#BBBBBB' },
    { name: good, count: counts.promoter, color: OKABE_ITO.blue },
  ];
  return (
    <div class="band">
      <div class="band__bar" aria-hidden="true">
        {parts.map((part) => (part.count > 0 ? <span style={{ flexGrow: part.count, background: part.color }} /> : null))}
      </div>
      <ul class="band__legend">
        {parts.map((part) => (
          <li>
            <span class="legend__swatch" style={{ background: part.color }} aria-hidden="true" />
            {part.name} <strong>{formatCount(part.count)}</strong> <span class="muted">({formatShare(part.count / total)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function KpiCard({ metric }: { metric: MetricId }) {
  const { query, interval, metric: selected } = useDashboard();
  const overall = useApi<MetricOverall>(`/v1/metrics${queryString({ ...query, metric })}`);
  const series = useApi<MetricGroups>(`/v1/metrics${queryString({ ...query, metric, groupBy: 'period', interval })}`);
  const name = METRIC_NAMES[metric];
  const config = useMemo<ChartConfiguration | null>(() => {
    if (!series.data) return null;
    const groups = series.data.groups;
    return {
      type: 'line',
      data: {
        labels: groups.map((group) => formatPeriod(group.key)),
        datasets: [
          {
            label: name,
            data: groups.map((group) => (group.n > 0 ? group.value : null)),
            borderColor: OKABE_ITO.blue,
            backgroundColor: OKABE_ITO.blue,
            pointRadius: 2,
            spanGaps: false,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (context) => `${name} ${formatMetric(metric, context.parsed.y)} (n = ${formatCount(groups[context.dataIndex]?.n)})` } },
        },
        scales: { x: { ticks: { maxTicksLimit: 6, autoSkip: true } }, y: { ticks: { maxTicksLimit: 4 } } },
      },
    };
  }, [series.data, metric]);
  return (
    <section class={`card kpi${selected === metric ? ' kpi--selected' : ''}`} aria-labelledby={`kpi-${metric}`} data-testid={`kpi-${metric}`}>
      <h2 id={`kpi-${metric}`} class="kpi__name" title={METRIC_UNITS[metric]}>
        {name}
      </h2>
      <Loadable state={overall} height={90}>
        {(data) =>
          data.n === 0 ? (
            <p class="kpi__none">No {name} scores in this selection.</p>
          ) : (
            <>
              <p class="kpi__value" data-testid={`kpi-${metric}-value`}>
                {formatMetric(metric, data.value)}
              </p>
              <p class="kpi__sub">
                <strong>{formatCount(data.n)}</strong> scored of {formatCount(data.volume)} comments
                {data.ci && (
                  <>
                    {' '}· 95% CI {formatMetric(metric, data.ci.low)} to {formatMetric(metric, data.ci.high)}
                  </>
                )}
              </p>
              <BandBar metric={metric} counts={data.counts} />
            </>
          )
        }
      </Loadable>
      {overall.data && overall.data.n > 0 && config && series.data && (
        <ChartView
          config={config}
          height={110}
          label={`${name} per ${interval}`}
          table={{ columns: ['Period', name, 'Scored'], rows: series.data.groups.map((group) => [group.key, formatMetric(metric, group.value), group.n]) }}
        />
      )}
    </section>
  );
}

function VolumeChart() {
  const { query, interval, metric, link } = useDashboard();
  const trends = useApi<TrendsResponse>(`/v1/trends${queryString({ ...query, metric, interval })}`);
  const config = useMemo<ChartConfiguration | null>(
    () => (trends.data ? volumeSentimentChart(trends.data.points, { volume: 'Comments', sentiment: 'Mean sentiment', sentimentAxis: 'Mean sentiment (−1 to +1)' }) : null),
    [trends.data],
  );
  return (
    <section class="card span-2" aria-labelledby="volume-title">
      <h2 id="volume-title">Volume and sentiment per {interval}</h2>
      <Loadable state={trends} isEmpty={(data) => data.points.length === 0}>
        {(data) => (
          <>
            {config && (
              <ChartView
                config={config}
                label={`Comments and mean sentiment per ${interval}`}
                summary={`${formatCount(data.points.reduce((sum, point) => sum + point.volume, 0))} comments over ${data.points.length} periods.`}
                table={{ columns: ['Period', 'Comments', 'Mean sentiment'], rows: data.points.map((point) => [point.period, point.volume, formatSentiment(point.sentiment)]) }}
                testId="volume-chart"
              />
            )}
            <h3 class="subhead">Emerging and new themes {data.window && <span class="muted">(latest {interval}: {formatPeriod(data.window.last)})</span>}</h3>
            {data.emerging.length === 0 ? (
              <p class="muted">No theme rose significantly in the latest {interval} (two-proportion z ≥ 2.58 with ≥ 5 mentions).</p>
            ) : (
              <ul class="emerging-list">
                {data.emerging.slice(0, 6).map((theme) => (
                  <li>
                    <a href={link(['themes', theme.id])}>{theme.label ?? theme.id}</a> <span class="badge badge--emerging">{theme.isNew ? 'new' : 'emerging'}</span>{' '}
                    <span class="muted">
                      {formatCount(theme.windowCount)} mentions, {formatShare(theme.windowShare)} vs {formatShare(theme.historyShare)} before
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loadable>
    </section>
  );
}

/** The overview view. */
export function OverviewView() {
  return (
    <>
      <h1 class="view-title">Overview</h1>
      <div class="grid grid--3">
        <KpiCard metric="nps" />
        <KpiCard metric="csat" />
        <KpiCard metric="ces" />
      </div>
      <div class="grid">
        <VolumeChart />
        <LanguageScores />
      </div>
    </>
  );
}
