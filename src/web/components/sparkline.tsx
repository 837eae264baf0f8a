/** A tiny SVG trend line for table cells: counts per period, last point marked. */
import { formatCount, formatPeriod } from '../lib/format.js';
import { OKABE_ITO } from '../lib/palette.js';

const WIDTH = 96;
const HEIGHT = 24;

/** Draws `values` (aligned with `periods`); labelled with the first and last counts. */
export function Sparkline({ values, periods, label }: { values: readonly number[]; periods: readonly string[]; label: string }) {
  if (values.length === 0) return <span class="muted">–</span>;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const y = (value: number) => HEIGHT - 2 - (value / max) * (HEIGHT - 4);
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  const last = values[values.length - 1]!;
  const description = `${label}: ${formatCount(values[0])} in ${formatPeriod(periods[0] ?? '')}, ${formatCount(last)} in ${formatPeriod(periods[periods.length - 1] ?? '')}, peak ${formatCount(max)}`;
  return (
    <svg class="sparkline" width={WIDTH} height={HEIGHT} viewBox={`-2 0 ${WIDTH + 4} ${HEIGHT}`} role="img" aria-label={description}>
      <title>{description}</title>
      <polyline points={points} fill="none" stroke={OKABE_ITO.blue} stroke-width="1.5" stroke-linejoin="round" />
      <circle cx={(values.length - 1) * step} cy={y(last)} r="2.2" fill={OKABE_ITO.blue} />
    </svg>
  );
}
