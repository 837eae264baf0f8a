import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CX_EMOTIONS, DEFAULT_EMOTION_DIR, EMOTION_LABEL_MAP, loadEmotionModel, type EmotionModel } from '../../src/model/emotion-model.js';

/** A model folder holding the shipped model file and `meta` changed by `edit`. */
function modelDirWith(edit: (meta: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-emotion-'));
  const meta = JSON.parse(readFileSync(join(DEFAULT_EMOTION_DIR, 'meta.json'), 'utf8')) as Record<string, unknown>;
  edit(meta);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  symlinkSync(join(DEFAULT_EMOTION_DIR, meta.file as string), join(dir, meta.file as string));
  return dir;
}

describe('loadEmotionModel (models/emotion)', () => {
  let model: EmotionModel;
  beforeAll(async () => {
    model = await loadEmotionModel();
  });

  it('declares the CX labels in output order', () => {
    expect(model.meta.labels).toEqual([...CX_EMOTIONS]);
    for (const target of Object.values(EMOTION_LABEL_MAP)) expect(CX_EMOTIONS).toContain(target);
  });

  it.each([
    ['thank you so much for your help!', 'gratitude'],
    ['I am furious, this is outrageous', 'anger'],
  ])('finds the emotion of %j', async (text, expected) => {
    const [emotions] = await model.predict([text]);
    expect(emotions[0]?.label).toBe(expected);
  });

  it('returns scores at or above the threshold, highest first, one list per text', async () => {
    const texts = ['thanks, love it!', 'where is my parcel', '', 'I am scared my data was leaked and angry nobody told me'];
    const result = await model.predict(texts);
    expect(result).toHaveLength(texts.length);
    for (const emotions of result) {
      emotions.forEach((emotion, index) => {
        expect(emotion.score).toBeGreaterThanOrEqual(model.meta.thresholds?.[emotion.label] ?? model.meta.threshold);
        expect(emotion.score).toBeLessThanOrEqual(1);
        if (index > 0) expect(emotion.score).toBeLessThanOrEqual(emotions[index - 1].score);
      });
    }
  });

  it('ships a tuned threshold per label, in [0, 1]', () => {
    for (const label of CX_EMOTIONS) {
      const threshold = model.meta.thresholds?.[label];
      expect(threshold).toBeGreaterThanOrEqual(0);
      expect(threshold).toBeLessThanOrEqual(1);
    }
  });

  it('reports each label against its own threshold', async () => {
    const texts = ['where is my parcel, nobody answers', 'thanks, love it!', 'I am scared my data was leaked'];
    const scores = await model.scores(texts);
    const strict = await loadEmotionModel(modelDirWith((meta) => (meta.thresholds = { ...(meta.thresholds as object), gratitude: 1, joy: 0 })));
    const result = await strict.predict(texts);
    texts.forEach((_, row) => {
      const labels = result[row]!.map((emotion) => emotion.label);
      expect(labels).toContain('joy');
      const expected = CX_EMOTIONS.filter((label, index) => {
        const threshold = label === 'gratitude' ? 1 : label === 'joy' ? 0 : strict.meta.thresholds![label]!;
        return scores[row * CX_EMOTIONS.length + index]! >= threshold;
      });
      expect([...labels].sort()).toEqual([...expected].sort());
    });
  });

  it('refuses a threshold outside [0, 1] or for a label it lacks (VERBATIM_E_MODEL)', async () => {
    await expect(loadEmotionModel(modelDirWith((meta) => (meta.thresholds = { joy: 2 })))).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
    await expect(loadEmotionModel(modelDirWith((meta) => (meta.thresholds = { boredom: 0.3 })))).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
  });

  it('reports against a given threshold instead of the model\'s, below it as well as above', async () => {
    const texts = ['where is my parcel, nobody answers', 'thanks, love it!'];
    const scores = await model.scores(texts);
    const lower = await model.predict(texts, 0.01);
    const higher = await model.predict(texts, 0.9);
    texts.forEach((_, row) => {
      const expected = (threshold: number) =>
        model.meta.labels.filter((_, label) => scores[row * model.meta.labels.length + label] >= threshold).length;
      expect(lower[row]).toHaveLength(expected(0.01));
      expect(higher[row]).toHaveLength(expected(0.9));
    });
    // The lower threshold must surface emotions the model's own threshold hides.
    const atDefault = (await model.predict(texts)).flat().length;
    expect(lower.flat().length).toBeGreaterThan(atDefault);
  });
});
