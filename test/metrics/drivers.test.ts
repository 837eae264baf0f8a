import { describe, expect, it } from 'vitest';
import { analyzeDrivers, revenueAtRisk, themeSentimentLabel, type FeedbackFact } from '../../src/metrics/index.js';
import { makeFact, theme } from './make-fact.js';

const delivery = (score: number, extra = {}) => theme('delivery', 'delivery', score, { label: 'Late delivery', ...extra });
const courier = (score: number) => theme('courier', 'delivery', score);
const staff = (score: number) => theme('staff', 'support', score);
const price = (score: number) => theme('price', 'billing', score);

/**
 * Ten NPS responses:
 *   f1 10 staff        f2 10 staff      f3 9 staff+price   f4 9 -       f5 8 price
 *   f6 7 -             f7 6 delivery (account A, 1000)     f8 3 delivery+price (account A, 1000)
 *   f9 0 delivery+courier (account B, 500)                 f10 2 - (no account, 300)
 * Overall: 4 promoters (f1-f4), 2 passives, 4 detractors (f7-f10): NPS 0.
 */
function example(): FeedbackFact[] {
  return [
    makeFact({ score: 10, themes: [staff(0.8)] }),
    makeFact({ score: 10, themes: [staff(0.8)] }),
    makeFact({ score: 9, themes: [staff(0.8), price(0.05)] }),
    makeFact({ score: 9 }),
    makeFact({ score: 8, themes: [price(-0.3)] }),
    makeFact({ score: 7 }),
    makeFact({ score: 6, accountId: 'A', revenue: 1000, themes: [delivery(-0.6)] }),
    makeFact({ score: 3, accountId: 'A', revenue: 1000, themes: [delivery(-0.2, { sentimentLabel: 'mixed' }), price(-0.5)] }),
    makeFact({ score: 0, accountId: 'B', revenue: 500, themes: [delivery(-0.6), courier(0.5)] }),
    makeFact({ score: 2, revenue: 300 }),
  ];
}

describe('analyzeDrivers', () => {
  it('computes leave-one-out impact in NPS points, sorted most harmful first', () => {
    const result = analyzeDrivers(example(), { metric: 'nps', level: 'theme' });
    expect(result.overall).toEqual({ value: 0, n: 10 });
    // delivery: mentioners f7-f9 all detractors (-100); without: f1-f6, f10 = 4 promoters, 1 detractor of 7 = 42.857
    //   impact = 0 - 42.857 = -42.857 (negative: it drags the score down)
    // courier: f9 only (-100); without: 4 promoters, 3 detractors of 9 = 11.111 -> impact -11.111
    // price: f3, f5, f8 = 1 promoter, 1 detractor (0); without: 3 promoters, 3 detractors of 7 = 0 -> impact 0
    // staff: f1-f3 all promoters (100); without: 1 promoter, 4 detractors of 7 = -42.857 -> impact +42.857
    expect(result.drivers.map((driver) => driver.id)).toEqual(['delivery', 'courier', 'price', 'staff']);
    const byId = new Map(result.drivers.map((driver) => [driver.id, driver]));
    expect(byId.get('delivery')!.impact).toBeCloseTo(-300 / 7, 10);
    expect(byId.get('courier')!.impact).toBeCloseTo(-100 / 9, 10);
    expect(byId.get('price')!.impact).toBeCloseTo(0, 10);
    expect(byId.get('staff')!.impact).toBeCloseTo(300 / 7, 10);
    expect(byId.get('delivery')).toMatchObject({ label: 'Late delivery', stage: 'delivery', volume: 3, share: 0.3, score: -100, n: 3 });
    expect(byId.get('staff')).toMatchObject({ stage: 'support', score: 100, volume: 3 });
  });

  it('sums revenue of distinct detractor accounts mentioning each driver', () => {
    const byId = new Map(analyzeDrivers(example(), { metric: 'nps', level: 'theme' }).drivers.map((driver) => [driver.id, driver]));
    expect(byId.get('delivery')!.revenueAtRisk).toBe(1500); // account A once (1000) + account B (500)
    expect(byId.get('price')!.revenueAtRisk).toBe(1000); // f8, account A; f3 and f5 are not detractors
    expect(byId.get('courier')!.revenueAtRisk).toBe(500);
    expect(byId.get('staff')!.revenueAtRisk).toBe(0);
  });

  it('reports revenue at risk as null when no response carries revenue', () => {
    const facts = example().map(({ revenue: _revenue, ...rest }) => rest);
    expect(analyzeDrivers(facts, { metric: 'nps', level: 'theme' }).drivers.every((driver) => driver.revenueAtRisk === null)).toBe(true);
  });

  it('counts the sentiment mix from labels, or from scores with the neutral band', () => {
    const byId = new Map(analyzeDrivers(example(), { metric: 'nps', level: 'theme' }).drivers.map((driver) => [driver.id, driver]));
    expect(byId.get('delivery')!.sentiment).toEqual({ positive: 0, negative: 2, neutral: 0, mixed: 1 });
    expect(byId.get('price')!.sentiment).toEqual({ positive: 0, negative: 2, neutral: 1, mixed: 0 }); // 0.05 is neutral
    expect(byId.get('staff')!.sentiment).toEqual({ positive: 3, negative: 0, neutral: 0, mixed: 0 });
  });

  it('merges themes of one stage: a negative and a positive theme make the stage mixed', () => {
    const result = analyzeDrivers(example(), { metric: 'nps', level: 'stage' });
    const byId = new Map(result.drivers.map((driver) => [driver.id, driver]));
    expect(result.drivers.map((driver) => driver.id)).toEqual(['delivery', 'billing', 'support']);
    expect(byId.get('delivery')).toMatchObject({ stage: 'delivery', volume: 3, revenueAtRisk: 1500 });
    expect(byId.get('delivery')!.label).toBeUndefined();
    // f7 negative; f8 labelled mixed; f9 delivery -0.6 with courier +0.5 -> mixed
    expect(byId.get('delivery')!.sentiment).toEqual({ positive: 0, negative: 1, neutral: 0, mixed: 2 });
  });

  it('leaves relative importance null when there are too few responses per predictor', () => {
    const result = analyzeDrivers(example(), { metric: 'nps', level: 'theme' });
    // 10 scored responses: budget floor((10 - 1) / 10) = 0 predictors
    expect(result.rSquared).toBeNull();
    expect(result.drivers.every((driver) => driver.relativeImportance === null)).toBe(true);
  });

  it("computes Johnson's weights of the theme indicators on the 0-10 score", () => {
    const result = analyzeDrivers(example(), { metric: 'nps', level: 'theme', minResponsesPerPredictor: 2 });
    // numpy (eigh of the indicator correlation matrix, OLS R² by lstsq):
    // delivery 0.204954, courier 0.237659, staff 0.256897, price 0.003856; R² 0.703367
    const byId = new Map(result.drivers.map((driver) => [driver.id, driver.relativeImportance]));
    expect(byId.get('delivery')).toBeCloseTo(0.204954, 5);
    expect(byId.get('courier')).toBeCloseTo(0.237659, 5);
    expect(byId.get('staff')).toBeCloseTo(0.256897, 5);
    expect(byId.get('price')).toBeCloseTo(0.003856, 5);
    expect(result.rSquared).toBeCloseTo(0.703367, 5);
  });

  it('enters only the most mentioned drivers the sample supports', () => {
    // budget floor(9 / 3) = 3: courier (1 scored mention) is left out
    const result = analyzeDrivers(example(), { metric: 'nps', level: 'theme', minResponsesPerPredictor: 3 });
    const byId = new Map(result.drivers.map((driver) => [driver.id, driver.relativeImportance]));
    expect(byId.get('courier')).toBeNull();
    expect(byId.get('delivery')).not.toBeNull();
    const sum = ['delivery', 'staff', 'price'].reduce((total, id) => total + (byId.get(id) ?? 0), 0);
    expect(sum).toBeCloseTo(result.rSquared!, 10);
  });

  it('adds a sentiment column per driver when asked, still summing to R²', () => {
    const result = analyzeDrivers(example(), { metric: 'nps', level: 'theme', minResponsesPerPredictor: 1, includeSentiment: true });
    const sum = result.drivers.reduce((total, driver) => total + (driver.relativeImportance ?? 0), 0);
    expect(result.rSquared).not.toBeNull();
    expect(sum).toBeCloseTo(result.rSquared!, 10);
  });

  it('handles no facts', () => {
    expect(analyzeDrivers([], { metric: 'csat', level: 'theme' })).toEqual({
      metric: 'csat',
      level: 'theme',
      overall: { value: null, n: 0 },
      rSquared: null,
      drivers: [],
    });
  });

  it('gives a theme every response mentions no impact (nothing to leave out) and zero importance', () => {
    const facts = [10, 9, 3, 7, 0].map((score) => makeFact({ score, themes: [theme('app', 'product', -0.4)] }));
    const result = analyzeDrivers(facts, { metric: 'nps', level: 'theme', minResponsesPerPredictor: 1 });
    expect(result.drivers).toHaveLength(1);
    expect(result.drivers[0]).toMatchObject({ id: 'app', volume: 5, share: 1, impact: null, relativeImportance: 0 });
    expect(result.drivers[0].score).toBeCloseTo(0, 10); // 2 promoters, 2 detractors of 5
    expect(result.rSquared).toBe(0);
  });

  it('gives zero importance when every score is the same', () => {
    const facts = [0, 1, 0, 1].map((mention) => makeFact({ score: 8, themes: mention ? [theme('app', 'product')] : [] }));
    const result = analyzeDrivers(facts, { metric: 'nps', level: 'theme', minResponsesPerPredictor: 1 });
    expect(result.drivers[0]).toMatchObject({ impact: 0, relativeImportance: 0 });
  });

  it('uses the CSAT and CES bands for detractors', () => {
    const facts = [
      makeFact({ score: 2, scoreType: 'csat', revenue: 50, themes: [theme('app', 'product')] }),
      makeFact({ score: 3, scoreType: 'csat', revenue: 70, themes: [theme('app', 'product')] }),
      makeFact({ score: 5, scoreType: 'csat' }),
    ];
    const result = analyzeDrivers(facts, { metric: 'csat', level: 'theme' });
    // overall CSAT 1/3 = 33.33%; without app: 100% -> impact -66.67; only the 2 is a detractor
    expect(result.drivers[0].impact).toBeCloseTo(100 / 3 - 100, 10);
    expect(result.drivers[0].revenueAtRisk).toBe(50);
  });
});

describe('revenueAtRisk', () => {
  it('counts an account once at its largest revenue and unattributed responses each', () => {
    const facts = [
      makeFact({ score: 1, accountId: 'A', revenue: 100 }),
      makeFact({ score: 2, accountId: 'A', revenue: 300 }),
      makeFact({ score: 2, accountId: 'A', revenue: null }),
      makeFact({ score: 9, accountId: 'B', revenue: 1000 }),
      makeFact({ score: 0, revenue: 40 }),
      makeFact({ score: 0, revenue: 60 }),
    ];
    expect(revenueAtRisk(facts, 'nps')).toBe(400);
  });
});

describe('themeSentimentLabel', () => {
  it.each([
    [0.5, 'positive'],
    [0.1, 'positive'],
    [0.09, 'neutral'],
    [-0.09, 'neutral'],
    [-0.1, 'negative'],
    [Number.NaN, 'neutral'],
  ])('labels score %f as %s', (score, expected) => {
    expect(themeSentimentLabel(theme('x', 'product', score))).toBe(expected);
  });
});
