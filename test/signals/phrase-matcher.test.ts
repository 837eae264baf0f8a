import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelPath } from '../../src/config.js';
import { compileSignalPatterns, createSignalDetector } from '../../src/signals/index.js';
import { makeDocument } from './make-document.js';

const shipped = JSON.parse(readFileSync(modelPath('signals', 'patterns.json'), 'utf8')) as Record<string, unknown>;

function customUrgency(phrase: string) {
  return compileSignalPatterns({ ...shipped, urgency: { custom: { weight: 0.9, phrases: [phrase] } } });
}

describe('phrase matcher', () => {
  it('still matches when more pattern sets are compiled than there are trie start bits', () => {
    // Each set holds six tries; 40 sets exhaust the start-bit masks, after which tries walk from every word.
    const sets = Array.from({ length: 40 }, (_, index) => customUrgency(`code red ${index}`));
    for (const index of [0, 4, 39]) {
      expect(createSignalDetector(sets[index])(makeDocument(`this is code red ${index} now`), [], []).urgency).toBe(0.9);
      expect(createSignalDetector(sets[index])(makeDocument(`this is code red ${index + 1} now`), [], []).urgency).toBe(0);
    }
  });

  it.each([
    ['a phrase starting with a number slot', '<num> alarms', 'we had 3 alarms today', 0.9],
    ['a phrase starting with any word', '* meltdown', 'total meltdown here', 0.9],
    ['a phrase whose first word only matches by lemma', 'crash badly', 'it keeps crashing badly', 0.9],
    ['a phrase across a stop mark', 'code blue', 'code. blue', 0],
  ])('handles %s', (_name, phrase, text, expected) => {
    expect(createSignalDetector(customUrgency(phrase))(makeDocument(text), [], []).urgency).toBe(expected);
  });
});
