import { describe, expect, it } from 'vitest';
import { anchorEmotions, EMOTION_VALENCE } from '../src/emotion-anchor.js';
import { resolveConfig } from '../src/config.js';
import { createEngine } from '../src/engine.js';
import { CX_EMOTIONS } from '../src/model/emotion-model.js';
import type { ClauseScore } from '../src/sentiment/types.js';

const options = resolveConfig().sentiment;

/** A model-style clause score leaning to one class. */
function clause(negative: number, neutral: number, positive: number): ClauseScore {
  const score = positive - negative;
  return { score, confidence: Math.max(negative, neutral, positive), probabilities: { negative, neutral, positive }, evidence: [] };
}
const NEGATIVE = clause(0.9, 0.05, 0.05);
const POSITIVE = clause(0.05, 0.05, 0.9);
const NEUTRAL = clause(0.1, 0.8, 0.1);
/** A single clause with rule evidence on both sides ("great staff, awful wait"): mixed. */
const MIXED: ClauseScore = {
  score: 0,
  confidence: 0.7,
  evidence: [
    { start: 0, end: 5, source: 'lexicon', term: 'great', weight: 2 },
    { start: 17, end: 22, source: 'lexicon', term: 'awful', weight: -2 },
  ],
};

/** The rules' reading of a content-free fragment ("test", "n/a"), which the combined scorer keeps. */
const FRAGMENT: ClauseScore = { score: 0, confidence: 1, evidence: [{ start: 0, end: 4, source: 'rule', term: 'fragment', weight: 0 }] };

describe('anchorEmotions', () => {
  it('reports no emotion for a comment of fragments only, and keeps them beside a real clause', () => {
    const emotions = [{ label: 'confusion', score: 0.4 }, { label: 'surprise', score: 0.2 }];
    expect(anchorEmotions(emotions, [FRAGMENT], options)).toEqual([]);
    expect(anchorEmotions(emotions, [FRAGMENT, NEUTRAL], options)).toEqual(emotions);
    expect(anchorEmotions([], [FRAGMENT], options)).toEqual([]);
  });

  it('drops joy and gratitude unless a clause reads positive or mixed', () => {
    const emotions = [{ label: 'joy', score: 0.62 }, { label: 'gratitude', score: 0.3 }];
    expect(anchorEmotions(emotions, [NEGATIVE], options)).toEqual([]);
    expect(anchorEmotions(emotions, [NEUTRAL, NEGATIVE], options)).toEqual([]);
    expect(anchorEmotions(emotions, [NEGATIVE, POSITIVE], options)).toEqual(emotions);
    expect(anchorEmotions(emotions, [MIXED], options)).toEqual(emotions);
  });

  it('drops anger, annoyance, disappointment and fear unless a clause reads negative or mixed', () => {
    const emotions = [{ label: 'anger', score: 0.41 }, { label: 'fear', score: 0.3 }, { label: 'annoyance', score: 0.28 }];
    expect(anchorEmotions(emotions, [POSITIVE], options)).toEqual([]);
    expect(anchorEmotions(emotions, [NEUTRAL], options)).toEqual([]);
    expect(anchorEmotions(emotions, [POSITIVE, NEGATIVE], options)).toEqual(emotions);
    expect(anchorEmotions(emotions, [MIXED], options)).toEqual(emotions);
  });

  it('keeps confusion and surprise whatever the clauses say, in their order', () => {
    const emotions = [{ label: 'surprise', score: 0.7 }, { label: 'joy', score: 0.5 }, { label: 'confusion', score: 0.4 }];
    expect(anchorEmotions(emotions, [NEGATIVE], options)).toEqual([{ label: 'surprise', score: 0.7 }, { label: 'confusion', score: 0.4 }]);
    expect(anchorEmotions(emotions, [], options)).toEqual([{ label: 'surprise', score: 0.7 }, { label: 'confusion', score: 0.4 }]);
  });

  it('keeps the labels of another emotion model, Object member names included', () => {
    const emotions = [{ label: 'constructor', score: 0.5 }, { label: 'boredom', score: 0.4 }];
    expect(anchorEmotions(emotions, [NEGATIVE], options)).toBe(emotions);
    const withAnger = [{ label: 'anger', score: 0.6 }, ...emotions];
    expect(anchorEmotions(withAnger, [POSITIVE], options)).toEqual(emotions);
  });

  it('answers with the same list when it drops nothing', () => {
    const emotions = [{ label: 'joy', score: 0.9 }];
    expect(anchorEmotions(emotions, [POSITIVE], options)).toBe(emotions);
  });

  it('gives every CX emotion a valence entry', () => {
    expect(Object.keys(EMOTION_VALENCE).sort()).toEqual([...CX_EMOTIONS].sort());
  });
});

describe('engine emotions anchored in clause sentiment (config.emotions.anchored)', () => {
  it('does not report joy on a late courier, which the bag alone scores as joy', async () => {
    const anchored = await createEngine({});
    const raw = await createEngine({ emotions: { anchored: false } });
    try {
      const text = 'The courier was late';
      const labels = async (engine: typeof anchored) => ((await engine.analyze(text)).emotions ?? []).map((emotion) => emotion.label);
      expect(await labels(raw)).toContain('joy');
      expect(await labels(anchored)).not.toContain('joy');
      expect((await anchored.analyze(text)).sentiment.label).toBe('negative');
    } finally {
      await Promise.all([anchored.close(), raw.close()]);
    }
  });

  it('keeps an emotion one clause carries in a comment that reads negative overall', async () => {
    const engine = await createEngine({});
    try {
      const result = await engine.analyze('Thank you so much to the driver, he was lovely. But I am furious the parcel was damaged.');
      expect(result.sentiment.label).toBe('negative');
      expect((result.emotions ?? []).map((emotion) => emotion.label)).toContain('gratitude');
    } finally {
      await engine.close();
    }
  });

  it('rejects a non-boolean setting with a coded error', async () => {
    await expect(createEngine({ emotions: { anchored: 'yes' as unknown as boolean } })).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_CONFIG' });
  });
});
