/**
 * Drivers: impact on the score against volume, per theme or journey stage. The bottom-right
 * quadrant (mentioned often, pulls the score down) is where to fix first; revenue at risk is
 * shown when the feedback carries revenue.
 */
import { useMemo, useState } from 'preact/hooks';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { ChartView } from '../components/chart.js';
import { SentimentBar } from '../components/sentiment-bar.js';
import { SortableTable, type Column } from '../components/sortable-table.js';
import { Loadable } from '../components/states.js';
import { queryString } from '../lib/api.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatDelta, isNegativeDelta, formatMetric, formatMoney, formatShare, METRIC_NAMES, type MetricId } from '../lib/format.js';
import { OKABE_ITO } from '../lib/palette.js';
import type { Driver, DriversResponse } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';

/** Points labelled on the chart: the strongest drivers (|impact| × volume). */
const LABELLED_POINTS = 8;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The drivers in the "fix first" quadrant: at least median volume and negative impact, worst first. */
export function fixFirst(drivers: readonly Driver[]): Driver[] {
  const scored = drivers.filter((driver) => driver.impact !== null);
  const threshold = median(scored.map((driver) => driver.volume));
  return scored.filter((driver) => driver.volume >= threshold && driver.impact! < 0).sort((a, b) => a.impact! - b.impact!);
}

function quadrantPlugin(volumeThreshold: number, labelled: Set<string>, drivers: Driver[]): Plugin {
  return {
    id: 'quadrants',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x!.getPixelForValue(volumeThreshold);
      const y = scales.y!.getPixelForValue(0);
      ctx.save();
      ctx.fillStyle = 'rgba(213, 94, 0, 0.08)';
      const top = Math.max(chartArea.top, Math.min(chartArea.bottom, y));
      const left = Math.max(chartArea.left, Math.min(chartArea.right, x));
      ctx.fillRect(left, top, chartArea.right - left, chartArea.bottom - top);
      ctx.strokeStyle = '#888';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(left, chartArea.top);
      ctx.lineTo(left, chartArea.bottom);
      ctx.moveTo(chartArea.left, top);
      ctx.lineTo(chartArea.right, top);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = '600 12px system-ui, sans-serif';
      ctx.fillStyle = '#A04000';
      // Captions in the quadrants' inner corners, where points are rarest (few themes are both
      // near the median volume and far from zero impact).
      ctx.textAlign = 'left';
      ctx.fillText('FIX FIRST: frequent and pulls the score down', left + 6, chartArea.bottom - 8);
      ctx.fillStyle = '#555';
      ctx.fillText('Strengths: frequent and lifts the score', left + 6, chartArea.top + 14);
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, scales } = chart;
      ctx.save();
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillStyle = '#222';
      ctx.textAlign = 'left';
      for (const driver of drivers) {
        if (!labelled.has(driver.id) || driver.impact === null) continue;
        const text = driver.label ?? driver.id;
        const x = scales.x!.getPixelForValue(driver.volume);
        // Near the right edge the label goes on the point's left, so it is never cut off.
        const flip = x + 7 + ctx.measureText(text).width > chart.chartArea.right;
        ctx.textAlign = flip ? 'right' : 'left';
        ctx.fillText(text, flip ? x - 7 : x + 7, scales.y!.getPixelForValue(driver.impact) + 4);
      }
      ctx.restore();
    },
  };
}

function DriverChart({ data, metric }: { data: DriversResponse; metric: MetricId }) {
  const name = METRIC_NAMES[metric];
  const drivers = data.drivers.filter((driver) => driver.impact !== null);
  const threshold = median(drivers.map((driver) => driver.volume));
  const labelled = new Set(
    [...drivers]
      .sort((a, b) => Math.abs(b.impact!) * b.volume - Math.abs(a.impact!) * a.volume)
      .slice(0, LABELLED_POINTS)
      .map((driver) => driver.id),
  );
  const config = useMemo<ChartConfiguration>(() => {
    const negative = drivers.filter((driver) => driver.impact! < 0);
    const positive = drivers.filter((driver) => driver.impact! >= 0);
    const dataset = (label: string, list: Driver[], color: string, pointStyle: 'triangle' | 'circle', rotation: number) => ({
      label,
      data: list.map((driver) => ({ x: driver.volume, y: driver.impact! })),
      backgroundColor: color,
      borderColor: color,
      pointStyle,
      rotation,
      pointRadius: 6,
      pointHoverRadius: 8,
    });
    return {
      type: 'scatter',
      data: {
        datasets: [
          dataset(`Pulls ${name} down`, negative, OKABE_ITO.vermillion, 'triangle', 180),
          dataset(`Lifts ${name}`, positive, OKABE_ITO.blue, 'circle', 0),
        ],
      },
      options: {
        maintainAspectRatio: false,
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: (context) => {
                const list = context.datasetIndex === 0 ? negative : positive;
                const driver = list[context.dataIndex]!;
                return `${driver.label ?? driver.id}: ${formatCount(driver.volume)} mentions, impact ${formatDelta(metric, driver.impact)}`;
              },
            },
          },
        },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'Mentions (volume, log scale)' }, ticks: { callback: (value) => (/^[125]/.test(String(value)) ? formatCount(Number(value)) : '') } },
          y: { type: 'linear', title: { display: true, text: `Impact on ${name} (${metric === 'ces' ? 'mean' : 'points'})` } },
        },
      },
    } as ChartConfiguration;
  }, [data]);
  const worst = fixFirst(data.drivers);
  return (
    <ChartView
      config={config}
      plugins={[quadrantPlugin(threshold, labelled, drivers)]}
      height={380}
      label={`Impact on ${name} against mentions, per ${data.level}`}
      summary={worst.length ? `Fix first: ${worst.slice(0, 3).map((driver) => driver.label ?? driver.id).join(', ')}.` : 'No frequent driver pulls the score down.'}
      table={{ columns: [data.level === 'theme' ? 'Theme' : 'Stage', 'Mentions', 'Impact'], rows: drivers.map((driver) => [driver.label ?? driver.id, driver.volume, formatDelta(metric, driver.impact)]) }}
      testId="drivers-chart"
    />
  );
}

/** The drivers view. */
export function DriversView() {
  const { query, metric, link } = useDashboard();
  const [level, setLevel] = useState<'theme' | 'stage'>('theme');
  const state = useApi<DriversResponse>(`/v1/drivers${queryString({ ...query, metric, level })}`);
  const name = METRIC_NAMES[metric];
  return (
    <>
      <div class="view-head">
        <h1 class="view-title">Drivers</h1>
        <fieldset class="segmented">
          <legend class="visually-hidden">Drivers by</legend>
          {(['theme', 'stage'] as const).map((option) => (
            <label class={level === option ? 'is-selected' : undefined}>
              <input type="radio" name="driver-level" value={option} checked={level === option} onChange={() => setLevel(option)} />
              By {option}
            </label>
          ))}
        </fieldset>
      </div>
      <Loadable state={state} isEmpty={(data) => data.drivers.length === 0} empty="No driver in this selection.">
        {(data) => {
          const worst = fixFirst(data.drivers);
          const revenue = data.drivers.some((driver) => driver.revenueAtRisk !== null);
          const totalRisk = worst.reduce((sum, driver) => sum + (driver.revenueAtRisk ?? 0), 0);
          const columns: Column<Driver>[] = [
            {
              id: 'label',
              label: level === 'theme' ? 'Theme' : 'Stage',
              sortValue: (row) => row.label ?? row.id,
              render: (row) => (level === 'theme' ? <a href={link(['themes', row.id])}>{row.label ?? row.id}</a> : <a href={link(['comments'], { stage: row.id })}>{row.label ?? row.id}</a>),
            },
            { id: 'volume', label: 'Mentions', numeric: true, sortValue: (row) => row.volume, render: (row) => formatCount(row.volume) },
            { id: 'share', label: 'Share', numeric: true, sortValue: (row) => row.share, render: (row) => formatShare(row.share) },
            { id: 'score', label: `${name} of mentioners`, numeric: true, sortValue: (row) => (row.n > 0 ? row.score : null), render: (row) => (row.n > 0 ? formatMetric(metric, row.score) : '–') },
            {
              id: 'impact',
              label: 'Impact',
              numeric: true,
              description: `Overall ${name} minus ${name} without it; negative hurts`,
              sortValue: (row) => row.impact,
              render: (row) => <span class={isNegativeDelta(metric, row.impact) ? 'negative-number' : undefined}>{formatDelta(metric, row.impact)}</span>,
            },
            {
              id: 'importance',
              label: 'Rel. importance',
              numeric: true,
              description: "Johnson's relative weight: share of score variance explained",
              sortValue: (row) => row.relativeImportance,
              render: (row) => formatShare(row.relativeImportance),
            },
            { id: 'sentiment', label: 'Sentiment', render: (row) => <SentimentBar mix={row.sentiment} width={90} /> },
            ...(revenue
              ? [{ id: 'revenue', label: 'Revenue at risk', numeric: true, description: 'Revenue of distinct detractor accounts mentioning it', sortValue: (row: Driver) => row.revenueAtRisk, render: (row: Driver) => formatMoney(row.revenueAtRisk) }]
              : []),
          ];
          return (
            <>
              <div class="grid grid--2-1">
                <section class="card" aria-label="Impact against volume">
                  <DriverChart data={data} metric={metric} />
                </section>
                <section class="card" aria-labelledby="fix-first-title">
                  <h2 id="fix-first-title">Fix first</h2>
                  <p class="muted small">Mentioned at least as often as the median {level} and pulling {name} down, worst first.</p>
                  {worst.length === 0 ? (
                    <p>Nothing frequent pulls the score down here.</p>
                  ) : (
                    <ol class="fix-list" data-testid="fix-first">
                      {worst.slice(0, 6).map((driver) => (
                        <li>
                          <a href={level === 'theme' ? link(['themes', driver.id]) : link(['comments'], { stage: driver.id })}>{driver.label ?? driver.id}</a>{' '}
                          <span class="negative-number">{formatDelta(metric, driver.impact)}</span>{' '}
                          <span class="muted">
                            {formatCount(driver.volume)} mentions{driver.revenueAtRisk !== null ? ` · ${formatMoney(driver.revenueAtRisk)} at risk` : ''}
                          </span>
                        </li>
                      ))}
                    </ol>
                  )}
                  {revenue && totalRisk > 0 && (
                    <p class="small">
                      Revenue at risk behind these: <strong>{formatMoney(totalRisk)}</strong> <span class="muted">(accounts may repeat across drivers)</span>
                    </p>
                  )}
                  {data.rSquared !== null && <p class="muted small">The {level}s explain {formatShare(data.rSquared)} of score variance (R²).</p>}
                </section>
              </div>
              <section class="card" aria-label="Drivers table">
                <SortableTable rows={data.drivers} columns={columns} rowKey={(row) => row.id} caption={`Drivers by ${level}`} initialSort={{ id: 'impact', direction: 'ascending' }} testId="drivers-table" />
              </section>
            </>
          );
        }}
      </Loadable>
    </>
  );
}
