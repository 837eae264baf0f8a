import { describe, expect, it, beforeAll } from 'vitest';
import { CX_EMOTIONS, EMOTION_LABEL_MAP, loadEmotionModel, type EmotionModel } from '../../src/model/emotion-model.js';

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
        expect(emotion.score).toBeGreaterThanOrEqual(model.meta.threshold);
        expect(emotion.score).toBeLessThanOrEqual(1);
        if (index > 0) expect(emotion.score).toBeLessThanOrEqual(emotions[index - 1].score);
      });
    }
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
