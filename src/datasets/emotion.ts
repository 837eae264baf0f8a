/**
 * Readers for the emotion sets: GoEmotions (multi-label Reddit comments, ids mapped to names via
 * labels.txt) and emotion6 (one of six emotions per sentence; val.txt is its dev split).
 */
import { readDataFile } from './paths.js';
import type { DataSplit, EmotionDatasetName, EmotionExample } from './types.js';

const cache = new Map<string, Promise<EmotionExample[]>>();

/**
 * Loads an emotion set; rows without a known label are skipped. Cached per process.
 *
 * @example
 * const dev = await loadEmotionDataset('goemotions', 'dev'); // [{ text, labels: ['gratitude'] }, ...]
 */
export function loadEmotionDataset(name: EmotionDatasetName, split: DataSplit): Promise<EmotionExample[]> {
  const key = `${name}:${split}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = name === 'goemotions' ? readGoEmotions(split) : readEmotion6(split);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending.then((rows) => rows.slice());
}

/** GoEmotions label names in id order (27 emotions + neutral). */
export async function goEmotionsLabelNames(): Promise<string[]> {
  const content = await readDataFile('goemotions/labels.txt');
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

async function readGoEmotions(split: DataSplit): Promise<EmotionExample[]> {
  const [names, content] = await Promise.all([goEmotionsLabelNames(), readDataFile(`goemotions/${split}.tsv`)]);
  const rows: EmotionExample[] = [];
  for (const line of content.split(/\r?\n/)) {
    const [text = '', ids = ''] = line.split('\t');
    if (text.trim() === '') continue;
    const labels = ids
      .split(',')
      .map((id) => names[Number(id)])
      .filter((label): label is string => label !== undefined && ids.trim() !== '');
    if (labels.length > 0) rows.push({ text: text.trim(), labels });
  }
  return rows;
}

async function readEmotion6(split: DataSplit): Promise<EmotionExample[]> {
  const content = await readDataFile(`emotion6/${split === 'dev' ? 'val' : 'train'}.txt`);
  const rows: EmotionExample[] = [];
  for (const line of content.split(/\r?\n/)) {
    const separator = line.lastIndexOf(';');
    if (separator <= 0) continue;
    const text = line.slice(0, separator).trim();
    const label = line.slice(separator + 1).trim();
    if (text !== '' && label !== '') rows.push({ text, labels: [label] });
  }
  return rows;
}
