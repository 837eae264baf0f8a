import { describe, expect, it } from 'vitest';
import { findTarget } from '../src/targets.js';

describe('targets', () => {
  it.each([
    ['The courier was late', 'courier', [{ start: 4, end: 11 }]],
    ['The COURIER was late', 'courier', [{ start: 4, end: 11 }]],
    ['Two couriers came', 'courier', [{ start: 4, end: 12 }]],
    ['Boxes and a box', 'box', [{ start: 0, end: 5 }, { start: 12, end: 15 }]],
    ['Couriership is a word', 'courier', []],
    ['the app and the apple', 'app', [{ start: 4, end: 7 }]],
    ['nothing here', 'courier', []],
    ['anything', '   ', []],
    ['😡 app crashed', 'app', [{ start: 3, end: 6 }]],
  ])('finds %j in %s', (text, target, spans) => {
    expect(findTarget(text, target)).toEqual(spans);
  });
});
