/**
 * Journey: the stages in journey order with mentions, net sentiment, score among mentioners and
 * impact, so the analyst sees where along the journey it hurts.
 */
import { useMemo } from 'preact/hooks';
import type { ChartConfiguration } from 'chart.js';
import { ChartView } from '../components/chart.js';
import { SentimentBar } from '../components/sentiment-bar.js';
import { Loadable } from '../components/states.js';
import { queryString } from '../lib/api.js';
import { useDashboard } from '../lib/dashboard-context.js';
import { formatCount, formatDelta, isNegativeDelta, formatMetric, formatSentiment, formatShare, METRIC_NAMES } from '../lib/format.js';
import { OKABE_ITO } from '../lib/palette.js';
import type { Driver, DriversResponse } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { netSentiment } from './themes.js';

/** Stages scored by fewer mentioners than this are not called the worst: their score is too noisy. */
export const MIN_SCORED_FOR_WORST = 20;

/**
 * The stage where the journey hurts most: the lowest score among its mentioners (at least
 * MIN_SCORED_FOR_WORST scored) when below the overall score, else the lowest negative net
 * sentiment. Impact is not used: it grows with volume, so the stage most comments touch would
 * always "hurt most".
 */
export function worstStage(drivers: readonly Driver[], overall: number | null): string | null {
  const scored = drivers.filter((driver) => driver.n >= MIN_SCORED_FOR_WORST && driver.score !== null).sort((a, b) => a.score! - b.score!);
  if (scored[0] && overall !== null && scored[0].score! < overall) return scored[0].id;
  const negative = drivers.map((driver) => ({ id: driver.id, net: netSentiment(driver) ?? 0 })).filter((entry) => entry.net < 0).sort((a, b) => a.net - b.net);
  return negative[0]?.id ?? null;
}

/** The journey view. */
export function JourneyView() {
  const { query, metric, stageOrder, stageLabel, link } = useDashboard();
  const state = useApi<DriversResponse>(`/v1/drivers${queryString({ ...query, metric, level: 'stage' })}`);
  const name = METRIC_NAMES[metric];
  const stages = useMemo(() => {
    const byId = new Map((state.data?.drivers ?? []).map((driver) => [driver.id, driver]));
    return stageOrder.map((id) => ({ id, label: stageLabel(id), driver: byId.get(id) ?? null }));
  }, [state.data, stageOrder]);
  const worst = useMemo(() => worstStage(stages.map((stage) => stage.driver).filter((driver): driver is Driver => driver !== null), state.data?.overall.value ?? null), [stages]);
  const config = useMemo<ChartConfiguration>(() => {
    const nets = stages.map((stage) => (stage.driver ? netSentiment(stage.driver) : null));
    return {
      type: 'bar',
      data: {
        labels: stages.map((stage) => stage.label.split(/[,]| and /)[0]!),
        datasets: [
          {
            type: 'bar',
            label: 'Net sentiment',
            data: nets,
            backgroundColor: nets.map((value) => ((value ?? 0) < 0 ? OKABE_ITO.vermillion : OKABE_ITO.blue)),
            yAxisID: 'sentiment',
            order: 2,
          },
          {
            type: 'line',
            label: `${name} of mentioners`,
            data: stages.map((stage) => (stage.driver && stage.driver.n > 0 ? stage.driver.score : null)),
            borderColor: OKABE_ITO.black,
            backgroundColor: OKABE_ITO.black,
            pointStyle: 'rectRot',
            pointRadius: 4,
            spanGaps: true,
            yAxisID: 'score',
            order: 1,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
        scales: {
          sentiment: { type: 'linear', position: 'left', min: -1, max: 1, title: { display: true, text: 'Net sentiment (−1 to +1)' } },
          score: { type: 'linear', position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: name } },
        },
      },
    } as ChartConfiguration;
  }, [stages, metric]);
  return (
    <>
      <h1 class="view-title">Journey</h1>
      <Loadable state={state} isEmpty={(data) => data.drivers.length === 0} empty="No comment in this selection touches a journey stage.">
        {(data) => (
          <>
            <ol class="journey" aria-label="Journey stages in order" data-testid="journey">
              {stages.map((stage, index) => (
                <JourneyStage index={index + 1} label={stage.label} driver={stage.driver} worst={stage.id === worst} href={link(['comments'], { stage: stage.id })} metric={metric} />
              ))}
            </ol>
            <section class="card" aria-label="Sentiment and score per stage">
              <ChartView
                config={config}
                height={300}
                label={`Net sentiment and ${name} per journey stage`}
                summary={worst ? `${stageLabel(worst)} hurts most: ${name} ${formatMetric(metric, stages.find((stage) => stage.id === worst)?.driver?.score)} among its mentioners against ${formatMetric(metric, data.overall.value)} overall.` : `No stage falls below the overall ${name}.`}
                table={{
                  columns: ['Stage', 'Mentions', 'Net sentiment', name, 'Impact'],
                  rows: stages.map((stage) => [
                    stage.label,
                    stage.driver?.volume ?? 0,
                    formatSentiment(stage.driver ? netSentiment(stage.driver) : null),
                    stage.driver && stage.driver.n > 0 ? formatMetric(metric, stage.driver.score) : '–',
                    formatDelta(metric, stage.driver?.impact),
                  ]),
                }}
                testId="journey-chart"
              />
              <p class="muted small">
                Overall {name}: {formatMetric(metric, data.overall.value)} (n = {formatCount(data.overall.n)}). A comment can touch several stages.
              </p>
            </section>
          </>
        )}
      </Loadable>
    </>
  );
}

function JourneyStage({ index, label, driver, worst, href, metric }: { index: number; label: string; driver: Driver | null; worst: boolean; href: string; metric: 'nps' | 'csat' | 'ces' }) {
  const net = driver ? netSentiment(driver) : null;
  return (
    <li class={`journey__stage${worst ? ' journey__stage--worst' : ''}${driver ? '' : ' journey__stage--empty'}`}>
      <span class="journey__step" aria-hidden="true">
        {index}
      </span>
      <a class="journey__label" href={href} title="Show this stage's comments">
        {label}
      </a>
      {worst && <span class="badge badge--worst">hurts most</span>}
      {driver ? (
        <dl class="journey__figures">
          <dt>Mentions</dt>
          <dd>{formatCount(driver.volume)}</dd>
          <dt>Share</dt>
          <dd>{formatShare(driver.share)}</dd>
          <dt>Net sentiment</dt>
          <dd class={net !== null && net < 0 ? 'negative-number' : undefined}>{formatSentiment(net)}</dd>
          <dt>{METRIC_NAMES[metric]}</dt>
          <dd>{driver.n > 0 ? formatMetric(metric, driver.score) : '–'}</dd>
          <dt>Impact</dt>
          <dd class={isNegativeDelta(metric, driver.impact) ? 'negative-number' : undefined}>{formatDelta(metric, driver.impact)}</dd>
        </dl>
      ) : (
        <p class="muted small">No mentions</p>
      )}
      {driver && <SentimentBar mix={driver.sentiment} width={110} />}
    </li>
  );
}
