/**
 * A Chart.js chart with what a canvas lacks: an accessible name and description, and the
 * numbers as a table (behind "Show data") for screen readers and for copying. Only the chart
 * types the dashboard uses are registered, which keeps the bundle small.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LogarithmicScale,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LogarithmicScale, LineElement, PointElement, ScatterController, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#333';
Chart.defaults.animation = false;

export interface DataTable {
  columns: string[];
  rows: (string | number)[][];
}

export interface ChartProps {
  config: ChartConfiguration;
  /** Accessible name: what the chart shows. */
  label: string;
  /** One sentence a screen reader reads instead of the picture (the takeaway). */
  summary?: string;
  table: DataTable;
  height?: number;
  plugins?: Plugin[];
  testId?: string;
}

/** Renders a chart, re-created when its config changes. */
export function ChartView({ config, label, summary, table, height = 260, plugins = [], testId }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [showTable, setShowTable] = useState(false);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, { ...config, plugins: [...(config.plugins ?? []), ...plugins] } as ChartConfiguration);
    return () => chart.destroy();
  }, [config]);
  return (
    <figure class="chart" data-testid={testId}>
      <div class="chart__canvas" style={{ height: `${height}px` }}>
        <canvas ref={canvas} role="img" aria-label={summary ? `${label}. ${summary}` : label} />
      </div>
      <figcaption class="chart__caption">
        <span>{summary}</span>
        <button type="button" class="link-button" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
          {showTable ? 'Hide data' : 'Show data'}
        </button>
      </figcaption>
      {showTable && (
        <div class="table-scroll">
          <table class="data-table data-table--compact">
            <caption class="visually-hidden">{label}</caption>
            <thead>
              <tr>{table.columns.map((column) => <th scope="col">{column}</th>)}</tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr>{row.map((cell, index) => (index === 0 ? <th scope="row">{cell}</th> : <td class="num">{cell}</td>))}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
