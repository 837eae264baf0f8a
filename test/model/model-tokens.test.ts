import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURIZER, featurize } from '../../src/model/featurizer.js';
import { modelTokens } from '../../src/model/model-tokens.js';

describe('modelTokens', () => {
  it.each([
    ["It doesn't work", ['it', 'does', 'not', 'work']],
    ['it does n\'t work', ['it', 'does', 'not', 'work']],
    ['it dont work', ['it', 'do', 'not', 'work']],
    ['I can\u2019t log in', ['i', 'ca', 'not', 'log', 'in']],
    ['sooooo slow!!!', ['soo', 'slow', '!!']],
    ["it 's fine", ['it', "'s", 'fine']],
    ['I \u2764\ufe0f it \ud83d\udc4d\ud83c\udffd', ['i', '\u2764', 'it', '\ud83d\udc4d']],
    ['na\u00efve caf\u00e9, 1,000.50', ['na\u00efve', 'caf\u00e9', ',', '1', ',', '000', '.', '50']],
    ['`tis \u00b4cause', ["'tis", "'cause"]],
    ['\ud835\udc9c\ud835\udc9c\ud835\udc9c b', ['\ud835\udc9c\ud835\udc9c', 'b']],
  ])('normalizes %j', (text, expected) => {
    expect(modelTokens(text)).toEqual(expected);
  });

  it('treats words that name Object members as words (regression: "constructor" crashed featurize)', () => {
    expect(modelTokens('the constructor toString valueOf')).toEqual(['the', 'constructor', 'tostring', 'valueof']);
    expect(featurize('the constructor was rude', DEFAULT_FEATURIZER).length).toBeGreaterThan(0);
  });
});
