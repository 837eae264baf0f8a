import { describe, expect, it } from 'vitest';
import { checkTarget, locateTarget } from '../../src/datasets/offsets.js';

describe('offsets', () => {
  it.each([
    ['offsets right', 'the food was cold', 'food', 4, 8, 'ok', 4],
    ['shifted by one', 'the food was cold', 'food', 3, 7, 'repaired', 4],
    ['nearest of two occurrences', 'food here, food there', 'food', 10, 14, 'repaired', 11],
    ['case differs', 'The Food was cold', 'food', 4, 8, 'repaired', 4],
    ['offsets missing', 'the food was cold', 'food', Number.NaN, Number.NaN, 'repaired', 4],
  ])('checkTarget: %s', (_name, text, term, start, end, status, expectedStart) => {
    const result = checkTarget(text, term, start, end);
    expect(result.status).toBe(status);
    if (result.status === 'missing') throw new Error('expected a target');
    expect(result.target.start).toBe(expectedStart);
    expect(text.slice(result.target.start, result.target.end)).toBe(result.target.text);
    expect(result.target.text.toLowerCase()).toBe(term.toLowerCase());
  });

  it.each([
    ['term absent', 'the food was cold', 'waiter'],
    ['empty term', 'the food was cold', ''],
  ])('checkTarget: %s gives missing', (_name, text, term) => {
    expect(checkTarget(text, term, 0, 4).status).toBe('missing');
  });

  it.each([
    ['Great battery, bad battery case', 'battery', 6],
    ['The Screen is dim', 'screen', 4],
  ])('locateTarget(%j, %j) finds the first occurrence', (text, term, start) => {
    const target = locateTarget(text, term);
    expect(target?.start).toBe(start);
    expect(target && text.slice(target.start, target.end)).toBe(target?.text);
  });

  it('locateTarget gives null when the term is absent', () => {
    expect(locateTarget('nothing here', 'battery')).toBeNull();
  });
});
