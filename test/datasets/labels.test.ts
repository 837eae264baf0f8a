import { describe, expect, it } from 'vitest';
import { mapAbsaPolarity } from '../../src/datasets/absa.js';
import { joinTitleAndReview, mapFiveStepLabel, mapSst2Label } from '../../src/datasets/text-sets.js';

describe('label mapping', () => {
  it.each([
    [1, 'negative'],
    [2, 'negative'],
    [3, 'neutral'],
    [4, 'positive'],
    [5, 'positive'],
    [0, null],
    [6, null],
    [Number.NaN, null],
  ])('five-step value %s maps to %s', (value, label) => {
    expect(mapFiveStepLabel(value)).toBe(label);
  });

  it.each([
    ['0', 'negative'],
    ['1', 'positive'],
    ['2', null],
    ['', null],
  ])('SST-2 label %j maps to %s', (value, label) => {
    expect(mapSst2Label(value)).toBe(label);
  });

  it.each([
    ['positive', 'positive'],
    ['negative', 'negative'],
    ['neutral', 'neutral'],
    ['conflict', null],
    [undefined, null],
  ])('ABSA polarity %s maps to %s', (value, label) => {
    expect(mapAbsaPolarity(value)).toBe(label);
  });

  it.each([
    ['Love it', 'Fits well.', 'Love it. Fits well.'],
    ['Love it!', 'Fits well.', 'Love it! Fits well.'],
    ['', 'Fits well.', 'Fits well.'],
    ['  Meh ', ' Too big ', 'Meh. Too big'],
  ])('title %j + review %j', (title, review, expected) => {
    expect(joinTitleAndReview(title, review)).toBe(expected);
  });
});
