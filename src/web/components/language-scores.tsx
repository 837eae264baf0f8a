/**
 * The selected score per language the comments were read in (GET /v1/metrics?groupBy=language),
 * for multilingual programmes: is the French-speaking market as happy as the English one? Each
 * language opens its comments. A selection in one language says so in a line instead of a table.
 */
import { Loadable } from './states.js';
import { SortableTable, type Column } from './sortable-table.js';
import { queryString } from '../lib/api.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatMetric, languageName, METRIC_NAMES, METRIC_UNITS, type MetricId } from '../lib/format.js';
import type { MetricGroups } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';

type LanguageRow = MetricGroups['groups'][number];

function columnsFor(metric: MetricId, link: (segments: readonly string[], extra?: Record<string, string>) => string): Column<LanguageRow>[] {
  const name = METRIC_NAMES[metric];
  return [
    { id: 'language', label: 'Language', sortValue: (row) => languageName(row.key), render: (row) => <a href={link(['comments'], { language: row.key })}>{languageName(row.key)}</a> },
    { id: 'volume', label: 'Comments', numeric: true, sortValue: (row) => row.volume, render: (row) => formatCount(row.volume) },
    { id: 'n', label: 'Scored', description: `Comments with a ${name} score`, numeric: true, sortValue: (row) => row.n, render: (row) => formatCount(row.n) },
    { id: 'value', label: name, description: METRIC_UNITS[metric], numeric: true, sortValue: (row) => (row.n > 0 ? row.value : null), render: (row) => (row.n > 0 ? formatMetric(metric, row.value) : '–') },
    {
      id: 'ci',
      label: '95% CI',
      description: 'Where the true value likely lies; wide on few scores',
      render: (row) => (row.ci ? `${formatMetric(metric, row.ci.low)} to ${formatMetric(metric, row.ci.high)}` : '–'),
    },
  ];
}

/** The card: one row per language, most comments first. */
export function LanguageScores() {
  const { query, metric, link } = useDashboard();
  const scores = useApi<MetricGroups>(`/v1/metrics${queryString({ ...query, metric, groupBy: 'language' })}`);
  return (
    <section class="card span-2" aria-labelledby="languages-title" data-testid="language-scores">
      <h2 id="languages-title">{METRIC_NAMES[metric]} by language</h2>
      <Loadable state={scores} isEmpty={(data) => data.groups.length === 0}>
        {(data) =>
          data.groups.length === 1 ? (
            <p class="muted">
              All {formatCount(data.groups[0]!.volume)} comments in this selection were read in {languageName(data.groups[0]!.key)}.
            </p>
          ) : (
            <SortableTable
              rows={data.groups}
              columns={columnsFor(metric, link)}
              rowKey={(row) => row.key}
              caption={`${METRIC_NAMES[metric]} by the language comments were read in`}
              initialSort={{ id: 'volume', direction: 'descending' }}
              testId="language-table"
            />
          )
        }
      </Loadable>
    </section>
  );
}
