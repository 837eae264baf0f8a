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
});
