/**
 * One theme: its numbers, its trend over time (mentions and theme sentiment), its stage, its
 * parent and sub-themes, and its comments with the evidence of this theme highlighted.
 */
import { useMemo, useState } from 'preact/hooks';
import type { ChartConfiguration } from 'chart.js';
import { ChartView } from '../components/chart.js';
import { CommentList } from '../components/comment-list.js';
import { SentimentBar } from '../components/sentiment-bar.js';
import { Loadable } from '../components/states.js';
import { queryString } from '../lib/api.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatDelta, formatMetric, formatMoney, formatSentiment, formatShare, METRIC_NAMES } from '../lib/format.js';
import type { DriversResponse, TrendsResponse } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { volumeSentimentChart } from '../lib/volume-chart.js';
import { netSentiment } from './themes.js';

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div class="stat" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span class="stat__value">{value}</span>
        {note && <span class="stat__note muted">{note}</span>}
      </dd>
    </div>
  );
}

/** The theme detail view. */
export function ThemeDetailView({ themeId }: { themeId: string }) {
  const { query, metric, interval, link, taxonomy, stageLabel } = useDashboard();
  const [sentiment, setSentiment] = useState('');
  const drivers = useApi<DriversResponse>(`/v1/drivers${queryString({ ...query, metric, level: 'theme' })}`);
  const trend = useApi<TrendsResponse>(`/v1/trends${queryString({ ...query, metric, interval, theme: themeId })}`);
  const name = METRIC_NAMES[metric];
  const driver = drivers.data?.drivers.find((entry) => entry.id === themeId) ?? null;
  const definition = taxonomy?.themes.find((theme) => theme.id === themeId) ?? null;
  const label = driver?.label ?? definition?.label ?? themeId;
  const parent = definition?.parent ? taxonomy?.themes.find((theme) => theme.id === definition.parent) : null;
  const children = (taxonomy?.themes ?? []).filter((theme) => theme.parent === themeId);
  const volumes = new Map((drivers.data?.drivers ?? []).map((entry) => [entry.id, entry]));

  const config = useMemo<ChartConfiguration | null>(
    () =>
      trend.data
        ? volumeSentimentChart(trend.data.points, {
            volume: 'Mentions',
            sentiment: 'Theme sentiment',
            sentimentAxis: 'Theme sentiment',
            afterBody: (point) => `Share of comments: ${formatShare(point?.share)}`,
          })
        : null,
    [trend.data],
  );

  return (
    <>
      <p class="breadcrumb">
        <a href={link(['themes'])}>← All themes</a>
      </p>
      <div class="view-head">
        <h1 class="view-title" data-testid="theme-title">
          {label}
        </h1>
        <span class="chip chip--stage" title="Journey stage">
          {stageLabel(driver?.stage ?? definition?.stage ?? '')}
        </span>
        {parent && (
          <span class="muted">
            part of <a href={link(['themes', parent.id])}>{parent.label}</a>
          </span>
        )}
      </div>
      <section class="card" aria-label="Theme figures">
        <Loadable state={drivers} height={60}>
          {() =>
            driver === null ? (
              <p class="muted">No comment in this selection mentions this theme.</p>
            ) : (
              <dl class="stats">
                <Stat label="Mentions" value={formatCount(driver.volume)} note={`${formatShare(driver.share)} of comments`} testId="theme-mentions" />
                <Stat label={`${name} of mentioners`} value={driver.n > 0 ? formatMetric(metric, driver.score) : '–'} note={`n = ${formatCount(driver.n)}`} />
                <Stat label="Impact" value={formatDelta(metric, driver.impact)} note={`on overall ${name} ${formatMetric(metric, drivers.data?.overall.value)}`} />
                <Stat label="Net sentiment" value={formatSentiment(netSentiment(driver))} />
                {driver.revenueAtRisk !== null && <Stat label="Revenue at risk" value={formatMoney(driver.revenueAtRisk)} note="detractor accounts" />}
                <div class="stat">
                  <dt>Sentiment mix</dt>
                  <dd>
                    <SentimentBar mix={driver.sentiment} width={160} />
                  </dd>
                </div>
              </dl>
            )
          }
        </Loadable>
      </section>
      <div class="grid grid--2-1">
        <section class="card" aria-labelledby="theme-trend-title">
          <h2 id="theme-trend-title">Over time</h2>
          <Loadable state={trend} isEmpty={(data) => data.points.length === 0}>
            {(data) =>
              config && (
                <ChartView
                  config={config}
                  label={`Mentions of ${label} and its sentiment per ${interval}`}
                  summary={`${formatCount(data.points.reduce((sum, point) => sum + point.volume, 0))} mentions over ${data.points.length} periods.`}
                  table={{ columns: ['Period', 'Mentions', 'Share', 'Theme sentiment'], rows: data.points.map((point) => [point.period, point.volume, formatShare(point.share), formatSentiment(point.sentiment)]) }}
                  testId="theme-trend-chart"
                />
              )
            }
          </Loadable>
        </section>
        <section class="card" aria-labelledby="subthemes-title">
          <h2 id="subthemes-title">Sub-themes</h2>
          {children.length === 0 ? (
            <p class="muted">This theme has no sub-themes in the taxonomy.</p>
          ) : (
            <ul class="subtheme-list">
              {children.map((child) => {
                const figures = volumes.get(child.id);
                return (
                  <li>
                    <a href={link(['themes', child.id])}>{child.label}</a>
                    <span class="muted">{figures ? `${formatCount(figures.volume)} mentions` : 'not mentioned'}</span>
                    {figures && <SentimentBar mix={figures.sentiment} width={80} />}
                  </li>
                );
              })}
            </ul>
          )}
          {definition && (
            <>
              <h3 class="subhead">Seed terms</h3>
              <p class="terms">{definition.terms.slice(0, 16).join(' · ')}</p>
            </>
          )}
        </section>
      </div>
      <section class="card" aria-labelledby="theme-comments-title">
        <div class="view-head">
          <h2 id="theme-comments-title">Comments mentioning {label}</h2>
          <div class="field field--inline">
            <label for="theme-comment-sentiment">Comment sentiment</label>
            <select id="theme-comment-sentiment" value={sentiment} onChange={(event) => setSentiment(event.currentTarget.value)}>
              <option value="">Any</option>
              <option value="negative">Negative</option>
              <option value="mixed">Mixed</option>
              <option value="neutral">Neutral</option>
              <option value="positive">Positive</option>
            </select>
          </div>
        </div>
        <CommentList filter={{ ...query, theme: themeId, sentiment }} focusTheme={themeId} pageSize={10} label={`Comments mentioning ${label}`} />
      </section>
    </>
  );
}
