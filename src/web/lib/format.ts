/**
 * Number and date formatting for the dashboard, in one place so every view writes "1,234",
 * "12.3%" and "+4.1 pts" the same way. Pure functions (unit-tested under test/web).
 */

export type MetricId = 'nps' | 'csat' | 'ces';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compactMoney = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A count with thousands separators; an en dash for missing values. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : integer.format(value);
}

/** A 0..1 share as a percentage ("12.3%"); one decimal below 10%, none above. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const percent = value * 100;
  if (percent !== 0 && Math.abs(percent) < 0.05) return percent > 0 ? '<0.1%' : '>−0.1%';
  return `${percent.toFixed(percent !== 0 && Math.abs(percent) < 10 ? 1 : 0)}%`;
}

/** A metric value in its unit: NPS in points (-100..100), CSAT in percent, CES as a mean on 1-7. */
export function formatMetric(metric: MetricId, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (metric === 'nps') return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(0)}`;
  if (metric === 'csat') return `${value.toFixed(1)}%`;
  return value.toFixed(2);
}

/** A change or impact in the metric's unit, always signed ("−3.7 pts", "+0.12"). */
export function formatDelta(metric: MetricId, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const digits = metric === 'ces' ? 2 : 1;
  // Sign of the rounded value, so -0.04 reads "±0.0 pts", not "−0.0 pts".
  const rounded = Number(value.toFixed(digits));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  const text = Math.abs(rounded).toFixed(digits);
  return metric === 'ces' ? `${sign}${text}` : `${sign}${text}\u00a0pts`;
}

/** True when a delta reads as negative once rounded for display (what gets the warning colour). */
export function isNegativeDelta(metric: MetricId, value: number | null | undefined): boolean {
  return value !== null && value !== undefined && Number(value.toFixed(metric === 'ces' ? 2 : 1)) < 0;
}

/** A sentiment score in [-1, 1], signed with two decimals. */
export function formatSentiment(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
}

/** Money without a currency (the store does not know it): "12.3K". */
export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : compactMoney.format(value);
}

/** A UTC date as "31 Oct 2026". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A period key ("2026-03", "2026-W09", "2026-03-02") as a short axis label. */
export function formatPeriod(key: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) return `W${week[2]} ’${week[1]!.slice(2)}`;
  return formatDate(key);
}

/** The metric's name as analysts say it. */
export const METRIC_NAMES: Record<MetricId, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** The languages the engine reads (src/language/), by ISO 639-1 code: English first, then by name, then 'und' (not read). */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  ca: 'Catalan',
  cs: 'Czech',
  da: 'Danish',
  nl: 'Dutch',
  fi: 'Finnish',
  fr: 'French',
  de: 'German',
  hu: 'Hungarian',
  id: 'Indonesian',
  it: 'Italian',
  no: 'Norwegian',
  pl: 'Polish',
  pt: 'Portuguese',
  ro: 'Romanian',
  es: 'Spanish',
  sv: 'Swedish',
  tr: 'Turkish',
  vi: 'Vietnamese',
  und: 'Not read (other language)',
};

/** A language code's name (LANGUAGE_NAMES), or the code itself for one the dashboard does not know. */
export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}

/** What the metric's number means, for captions and screen readers. */
export const METRIC_UNITS: Record<MetricId, string> = {
  nps: 'points, −100 to +100 (% promoters 9–10 minus % detractors 0–6)',
  csat: '% satisfied (4–5 on 1–5)',
  ces: 'mean effort score on 1–7 (7 = very easy)',
};
