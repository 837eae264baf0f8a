/**
 * The bar-and-line chart of volume and mean sentiment per period that the overview and the theme
 * page share: bars on a left axis from zero, a dashed sentiment line on a fixed -1..+1 right axis.
 */
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { formatPeriod } from './format.js';
import { OKABE_ITO } from './palette.js';
import type { TrendPoint } from './types.js';

export interface VolumeChartLabels {
  /** What the bars count ("Comments", "Mentions"). */
  volume: string;
  /** The line's legend entry ("Mean sentiment", "Theme sentiment"). */
  sentiment: string;
  /** The right axis title. */
  sentimentAxis: string;
  /** An extra tooltip line for a hovered period, if any. */
  afterBody?: (point: TrendPoint | undefined) => string;
}

/** Chart.js configuration for volume bars and a sentiment line over the given periods. */
export function volumeSentimentChart(points: readonly TrendPoint[], labels: VolumeChartLabels): ChartConfiguration {
  const afterBody = labels.afterBody;
  return {
    type: 'bar',
    data: {
      labels: points.map((point) => formatPeriod(point.period)),
      datasets: [
        { type: 'bar', label: labels.volume, data: points.map((point) => point.volume), backgroundColor: OKABE_ITO.skyBlue, yAxisID: 'volume', order: 2 },
        {
          type: 'line',
          label: labels.sentiment,
          data: points.map((point) => point.sentiment),
          borderColor: OKABE_ITO.vermillion,
          backgroundColor: OKABE_ITO.vermillion,
          borderDash: [5, 3],
          pointStyle: 'rectRot',
          pointRadius: 3,
          yAxisID: 'sentiment',
          order: 1,
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true } },
        ...(afterBody ? { tooltip: { callbacks: { afterBody: (items: TooltipItem<'bar'>[]) => afterBody(points[items[0]?.dataIndex ?? 0]) } } } : {}),
      },
      scales: {
        volume: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: labels.volume } },
        sentiment: { type: 'linear', position: 'right', min: -1, max: 1, grid: { drawOnChartArea: false }, title: { display: true, text: labels.sentimentAxis } },
      },
    },
  } as ChartConfiguration;
}
