import { describe, expect, it } from 'vitest';
import { aggregateSentiments, aggregateSpans, contrastWeight, labelFor, toSentiment } from '../../src/sentiment/aggregate.js';
import type { ClauseScore, Evidence } from '../../src/sentiment/types.js';

const options = { neutralBand: 0.1, mixedThreshold: 0.3 };

function clause(score: number, confidence = 0.8, evidence: Evidence[] = []): ClauseScore {
  return { score, confidence, evidence };
}

function item(weight: number): Evidence {
  return { start: 0, end: 1, source: 'lexicon', term: 'x', weight };
}

describe('labelFor', () => {
  it.each([
    [0, 'neutral'],
    [0.09, 'neutral'],
    [-0.09, 'neutral'],
    [0.1, 'positive'],
    [-0.1, 'negative'],
    [0.9, 'positive'],
    [Number.NaN, 'neutral'],
  ])('%d -> %s', (score, label) => {
    expect(labelFor(score, options)).toBe(label);
  });

  it('follows the configured band', () => {
    expect(labelFor(0.2, { neutralBand: 0.25 })).toBe('neutral');
  });
});

describe('aggregateSpans', () => {
  it('is neutral with zero confidence for no input', () => {
    expect(aggregateSpans([], options)).toEqual({ label: 'neutral', score: 0, confidence: 0 });
  });

  it('weighs the clause after contrast more than the one before', () => {
    const result = aggregateSpans(
      [
        { score: clause(0.42), role: 'before-contrast' },
        { score: clause(-0.42), role: 'after-contrast', connective: 'but' },
      ],
      options,
    );
    expect(result.label).toBe('negative');
    expect(result.score).toBeLessThan(0);
  });

  it('swaps contrast weights for a mid-sentence concessive', () => {
    expect(contrastWeight('after-contrast', 'although')).toBeLessThan(contrastWeight('before-contrast', 'although'));
    expect(contrastWeight('after-contrast', 'but')).toBeGreaterThan(contrastWeight('before-contrast', 'but'));
  });

  it('is mixed when both sides are strong and neither dominates', () => {
    const result = aggregateSpans([{ score: clause(0.6) }, { score: clause(-0.5) }], options);
    expect(result.label).toBe('mixed');
    expect(result.confidence).toBeGreaterThan(0);
  });

  it('is not mixed when one side dominates', () => {
    const result = aggregateSpans([{ score: clause(0.9) }, { score: clause(0.8) }, { score: clause(-0.35) }], options);
    expect(result.label).toBe('positive');
  });

  it('is not mixed when one side is below the threshold', () => {
    expect(aggregateSpans([{ score: clause(0.6) }, { score: clause(-0.2) }], options).label).toBe('positive');
  });

  it('finds mixed inside one clause from its evidence', () => {
    const single = clause(0.13, 0.5, [item(3.2), item(-2.7)]);
    expect(toSentiment(single, options).label).toBe('mixed');
  });

  it('does not let an opinion-free clause dilute an opinionated one', () => {
    const alone = aggregateSpans([{ score: clause(0.5) }], options).score;
    const diluted = aggregateSpans([{ score: clause(0.5) }, { score: clause(0, 0.2) }], options).score;
    expect(diluted).toBeGreaterThan(alone * 0.8);
  });

  it('honours caller weights', () => {
    const result = aggregateSpans([{ score: clause(0.5), weight: 5 }, { score: clause(-0.5), weight: 0.5 }], options);
    expect(result.label).toBe('positive');
  });

  it('keeps score and confidence in range for odd input', () => {
    const result = aggregateSpans([{ score: clause(7, 3) }, { score: clause(Number.NaN, -1) }], options);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
  });
});

describe('aggregateSpans with class probabilities', () => {
  const withProbabilities = (score: number, negative: number, neutral: number, positive: number): ClauseScore => ({
    ...clause(score),
    probabilities: { negative, neutral, positive },
  });

  it('labels by the most probable class', () => {
    expect(aggregateSpans([{ score: withProbabilities(0.05, 0.1, 0.3, 0.6) }], options).label).toBe('positive');
    expect(aggregateSpans([{ score: withProbabilities(0.5, 0.1, 0.6, 0.3) }], options).label).toBe('neutral');
  });

  it('keeps the blended score when its sign agrees with the label', () => {
    expect(aggregateSpans([{ score: withProbabilities(-0.4, 0.7, 0.2, 0.1) }], options)).toMatchObject({ label: 'negative', score: -0.4 });
  });

  it('restates a score whose sign contradicts the label as P(positive) - P(negative)', () => {
    // Rules pulled the score positive while the classes say negative ("Absolute joke.").
    const negative = aggregateSpans([{ score: withProbabilities(0.12, 0.6, 0.3, 0.1) }], options);
    expect(negative.label).toBe('negative');
    expect(negative.score).toBeCloseTo(-0.5, 10);
    const positive = aggregateSpans([{ score: withProbabilities(-0.03, 0.2, 0.3, 0.5) }], options);
    expect(positive.label).toBe('positive');
    expect(positive.score).toBeCloseTo(0.3, 10);
  });

  it('gives a polar label a score of its sign across several clauses', () => {
    const result = aggregateSpans(
      [{ score: withProbabilities(0.3, 0.5, 0.2, 0.3) }, { score: withProbabilities(-0.1, 0.6, 0.3, 0.1) }],
      options,
    );
    expect(result.label).toBe('negative');
    expect(result.score).toBeLessThan(0);
  });
});

describe('aggregateSentiments', () => {
  it('reads weighted sentiments as aggregateSpans reads them as evidence-free scores', () => {
    const cases = [
      [{ sentiment: { score: -0.6, confidence: 0.8 }, weight: 0.9 }],
      [
        { sentiment: { score: 0.7, confidence: 0.9 }, weight: 1 },
        { sentiment: { score: -0.65, confidence: 0.7 }, weight: 0.8 },
      ],
      [
        { sentiment: { score: 0.05, confidence: 0.4 }, weight: 0.3 },
        { sentiment: { score: 0.5, confidence: 0.6 }, weight: 0.5 },
        { sentiment: { score: -0.2, confidence: 0.5 }, weight: 0.2 },
      ],
      [],
    ];
    for (const weighted of cases) {
      const expected = aggregateSpans(weighted.map(({ sentiment, weight }) => ({ score: { score: sentiment.score, confidence: sentiment.confidence, evidence: [] }, weight })));
      expect(aggregateSentiments(weighted)).toEqual(expected);
    }
    // Mixed when both sides are strong and neither dominates.
    expect(aggregateSentiments(cases[1]!).label).toBe('mixed');
  });
});
