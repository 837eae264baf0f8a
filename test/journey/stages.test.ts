import { describe, expect, it } from 'vitest';
import { JOURNEY_STAGES } from '../../src/contract.js';
import { compareStages, isJourneyStage, stageLabel, stageOrder } from '../../src/journey/index.js';

describe('journey stages', () => {
  it.each([
    ['awareness', 'Awareness', 0],
    ['purchase', 'Purchase', 1],
    ['onboarding', 'Onboarding', 2],
    ['delivery', 'Delivery', 3],
    ['product', 'Product use', 4],
    ['support', 'Support', 5],
    ['billing', 'Billing', 6],
    ['renewal', 'Renewal & cancellation', 7],
  ])('%s is labelled %j at position %i', (id, label, order) => {
    expect(stageLabel(id)).toBe(label);
    expect(stageOrder(id)).toBe(order);
    expect(isJourneyStage(id)).toBe(true);
  });

  it('has a label for every contract stage', () => {
    for (const id of JOURNEY_STAGES) expect(stageLabel(id)).not.toBe(id);
  });

  it('renders and sorts unknown stage ids last without throwing', () => {
    expect(isJourneyStage('space')).toBe(false);
    expect(stageLabel('space')).toBe('space');
    expect(['space', 'renewal', 'awareness'].sort(compareStages)).toEqual(['awareness', 'renewal', 'space']);
  });
});
