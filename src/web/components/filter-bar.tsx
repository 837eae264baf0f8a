/**
 * The global filters: period (anchored on the newest feedback), custom dates, segment, channel
 * and the score metric. Every view reads them; changing one updates the URL hash.
 */
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatDate, METRIC_NAMES, type MetricId } from '../lib/format.js';
import { periodRange, PERIODS, type PeriodId } from '../lib/filters.js';

/** The filter bar. */
export function FilterBar() {
  const { filters, setFilters, facets, metric } = useDashboard();
  const range = periodRange(filters, facets.last);
  const scored = new Map(facets.scoreTypes.map((entry) => [entry.value, entry.count]));
  return (
    <form class="filter-bar" aria-label="Filters for every view" onSubmit={(event) => event.preventDefault()}>
      <div class="field">
        <label for="filter-period">Period</label>
        <select id="filter-period" value={filters.period} onChange={(event) => setFilters({ period: (event.currentTarget.value as PeriodId) })}>
          {PERIODS.map((option) => (
            <option value={option.id}>{option.label}</option>
          ))}
        </select>
      </div>
      {filters.period === 'custom' && (
        <>
          <div class="field">
            <label for="filter-from">From</label>
            <input id="filter-from" type="date" value={filters.from} min={facets.first?.slice(0, 10)} max={facets.last?.slice(0, 10)} onChange={(event) => setFilters({ from: event.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="filter-to">To</label>
            <input id="filter-to" type="date" value={filters.to} min={facets.first?.slice(0, 10)} max={facets.last?.slice(0, 10)} onChange={(event) => setFilters({ to: event.currentTarget.value })} />
          </div>
        </>
      )}
      <FacetSelect name="segment" label="Segment" all="All segments" value={filters.segment} entries={facets.segments} onChange={(segment) => setFilters({ segment })} />
      <FacetSelect name="channel" label="Channel" all="All channels" value={filters.channel} entries={facets.channels} onChange={(channel) => setFilters({ channel })} />
      <div class="field">
        <label for="filter-metric">Score</label>
        <select id="filter-metric" value={metric} onChange={(event) => setFilters({ metric: event.currentTarget.value as MetricId })}>
          {(['nps', 'csat', 'ces'] as const).map((id) => (
            <option value={id}>
              {METRIC_NAMES[id]} ({formatCount(scored.get(id) ?? 0)} scored)
            </option>
          ))}
        </select>
      </div>
      {facets.first && (
        <p class="filter-bar__range muted" aria-live="polite">
          {formatDate(range.from ?? facets.first)} – {formatDate(range.to ?? facets.last)}
        </p>
      )}
    </form>
  );
}

/** A labelled select over one facet's values with their counts, plus an "all" option. */
function FacetSelect(props: { name: string; label: string; all: string; value: string; entries: readonly { value: string; count: number }[]; onChange: (value: string) => void }) {
  const id = `filter-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        <option value="">{props.all}</option>
        {props.entries.map((entry) => (
          <option value={entry.value}>
            {entry.value} ({formatCount(entry.count)})
          </option>
        ))}
      </select>
    </div>
  );
}
