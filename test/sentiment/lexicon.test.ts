import { describe, expect, it } from 'vitest';
import { compileLexicon, loadLexicon, validateLexicon, type LexiconFile } from '../../src/sentiment/lexicon.js';
import { VerbatimError } from '../../src/errors.js';

function file(overrides: Partial<LexiconFile> = {}): unknown {
  return {
    format: 1,
    version: 'test',
    description: '',
    sources: [],
    resolvedDuplicates: [],
    overriddenByCx: [],
    words: [['good', 1.9]],
    phrases: [['on time', 1.5]],
    emoji: [['😡', -3]],
    ...overrides,
  };
}

function errorOf(value: unknown): VerbatimError {
  try {
    validateLexicon(value, 'test.json');
  } catch (error) {
    return error as VerbatimError;
  }
  throw new Error('expected validateLexicon to throw');
}

describe('validateLexicon', () => {
  it.each([
    ['a duplicate word', file({ words: [['late', -1.6], ['late', -1.2]] }), /duplicate term "late" in words/],
    ['a duplicate phrase', file({ phrases: [['on time', 1.5], ['on time', 1]] }), /duplicate term "on time" in phrases/],
    ['a valence above 4', file({ words: [['good', 4.5]] }), /words\.0\.1/],
    ['a valence below -4', file({ emoji: [['😡', -9]] }), /emoji\.0\.1/],
    ['a non-number valence', file({ words: [['good', 'high']] as never }), /words\.0\.1/],
    ['an empty term', file({ words: [['', 1]] }), /words\.0\.0/],
    ['a word with a space', file({ words: [['on time', 1]] }), /contains a space/],
    ['a missing version', { ...(file() as object), version: undefined }, /version/],
    ['a wrong format number', file({ format: 2 as 1 }), /format/],
  ])('rejects %s with VERBATIM_E_INVALID_LEXICON', (_name, value, message) => {
    const error = errorOf(value);
    expect(error).toBeInstanceOf(VerbatimError);
    expect(error.code).toBe('VERBATIM_E_INVALID_LEXICON');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('test.json');
  });

  it('accepts a well-formed file and compiles maps', () => {
    const lexicon = compileLexicon(validateLexicon(file(), 'test.json'));
    expect(lexicon.words.get('good')).toBe(1.9);
    expect(lexicon.emoji.get('😡')).toBe(-3);
    expect(lexicon.phrases.size).toBeGreaterThan(0);
  });
});

describe('loadLexicon', () => {
  it('loads the shipped lexicon with a version and the CX overrides', () => {
    const lexicon = loadLexicon();
    expect(lexicon.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lexicon.words.get('refund')).toBe(0);
    expect(lexicon.words.get('late')).toBeLessThan(0);
    expect(lexicon.words.size).toBeGreaterThan(7000);
  });

  it('marks the positive phrases built on a negator or a negative word as idioms', () => {
    const { idiomPhrases } = loadLexicon();
    for (const idiom of ['no complaints', "can't complain", 'zero issues', 'hard to fault', 'issue resolved', 'hassle free']) expect(idiomPhrases.has(idiom)).toBe(true);
    // Plain praise, and negative phrases however built, are not.
    for (const phrase of ['love it', 'well done', 'highly recommend', 'no help', 'never arrived']) expect(idiomPhrases.has(phrase)).toBe(false);
  });

  it('reports a missing file as VERBATIM_E_FILE_NOT_FOUND', () => {
    expect(() => loadLexicon('/nonexistent/lexicon.json')).toThrow(expect.objectContaining({ code: 'VERBATIM_E_FILE_NOT_FOUND' }));
  });
});
