import { describe, expect, it } from 'vitest';
import { JOURNEY_STAGES, type JourneyStageId, type Sentiment, type ThemeResult } from '../../src/contract.js';
import { aggregateStages, type SentimentAggregator, type WeightedSentiment } from '../../src/journey/index.js';

/** A fake aggregator: weighted mean score, label by sign, records what it was given. */
function fakeAggregator(): { aggregate: SentimentAggregator; calls: WeightedSentiment[][] } {
  const calls: WeightedSentiment[][] = [];
  const aggregate: SentimentAggregator = (sentiments) => {
    calls.push(sentiments);
    const total = sentiments.reduce((sum, item) => sum + item.weight, 0);
    const score = sentiments.reduce((sum, item) => sum + item.sentiment.score * item.weight, 0) / total;
    return { label: score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral', score, confidence: 0.5 };
  };
  return { aggregate, calls };
}

function sentiment(score: number): Sentiment {
  return { label: score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral', score, confidence: 0.9 };
}

function theme(id: string, stage: JourneyStageId, score: number, strength?: number): ThemeResult & { strength?: number } {
  return { id, label: id, stage, sentiment: sentiment(score), evidence: [], ...(strength === undefined ? {} : { strength }) };
}

describe('aggregateStages', () => {
  it('lists each stage present once, in journey order', () => {
    const { aggregate } = fakeAggregator();
    const stages = aggregateStages(
      [
        theme('refunds', 'billing', -0.5),
        theme('courier', 'delivery', -0.8),
        theme('marketing', 'awareness', 0.4),
        theme('damaged-items', 'delivery', -0.6),
      ],
      aggregate,
    );
    expect(stages.map((stage) => stage.id)).toEqual(['awareness', 'delivery', 'billing']);
  });

  it('weights themes by strength when given, equally otherwise', () => {
    const { aggregate, calls } = fakeAggregator();
    const [delivery] = aggregateStages(
      [theme('delivery-speed', 'delivery', -1, 0.9), theme('packaging', 'delivery', 1, 0.1)],
      aggregate,
    );
    expect(calls[0]!.map((item) => item.weight)).toEqual([0.9, 0.1]);
    expect(delivery!.sentiment.score).toBeCloseTo(-0.8);
    expect(delivery!.sentiment.label).toBe('negative');

    const equal = aggregateStages([theme('a', 'product', -1), theme('b', 'product', 1)], aggregate);
    expect(equal[0]!.sentiment.score).toBeCloseTo(0);
  });

  it('passes the themes own sentiments to the aggregator', () => {
    const { aggregate, calls } = fakeAggregator();
    aggregateStages([theme('support', 'support', 0.7)], aggregate);
    expect(calls).toEqual([[{ sentiment: sentiment(0.7), weight: 1 }]]);
  });

  it('returns no stages for no themes, and skips unknown stages', () => {
    const { aggregate, calls } = fakeAggregator();
    expect(aggregateStages([], aggregate)).toEqual([]);
    const odd = { ...theme('x', 'product', 0.5), stage: 'space' as JourneyStageId };
    expect(aggregateStages([odd], aggregate)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('orders all eight stages like JOURNEY_STAGES whatever the input order', () => {
    const { aggregate } = fakeAggregator();
    const reversed = [...JOURNEY_STAGES].reverse().map((stage) => theme(stage, stage, 0));
    expect(aggregateStages(reversed, aggregate).map((stage) => stage.id)).toEqual([...JOURNEY_STAGES]);
  });
});
