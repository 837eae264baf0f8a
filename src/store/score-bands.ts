/**
 * Score scales and bands. A band names where one score falls, with NPS's words reused for the
 * other scales so one filter (`scoreBand=detractor`) works for every survey type:
 *
 * | scale | range | promoter | passive | detractor | source |
 * |---|---|---|---|---|---|
 * | NPS  | 0-10 | 9-10 | 7-8 | 0-6 | Reichheld (2003), the NPS definition |
 * | CSAT | 1-5  | 4-5 (satisfied) | 3 | 1-2 | CSAT = share of 4-5 ("top-2 box") |
 * | CES  | 1-7  | 5-7 (easy) | 4 | 1-3 (difficult) | CES 2.0 agreement scale, 7 = "very easy" |
 */
import type { ScoreBand, ScoreType } from '../metrics/types.js';

export interface ScoreScale {
  min: number;
  max: number;
  /** Lowest score counted as promoter. */
  promoterFrom: number;
  /** Lowest score counted as passive; below it is detractor. */
  passiveFrom: number;
}

export const SCORE_SCALES: Readonly<Record<ScoreType, ScoreScale>> = {
  nps: { min: 0, max: 10, promoterFrom: 9, passiveFrom: 7 },
  csat: { min: 1, max: 5, promoterFrom: 4, passiveFrom: 3 },
  ces: { min: 1, max: 7, promoterFrom: 5, passiveFrom: 4 },
};

/**
 * The band of a score on its scale; null when there is no score or it is off the scale.
 * @example
 * scoreBandOf(8, 'nps'); // 'passive'
 * scoreBandOf(2, 'csat'); // 'detractor'
 */
export function scoreBandOf(score: number | null | undefined, scoreType: ScoreType | null | undefined): ScoreBand | null {
  if (score === null || score === undefined || !scoreType) return null;
  const scale = SCORE_SCALES[scoreType];
  if (!Number.isInteger(score) || score < scale.min || score > scale.max) return null;
  if (score >= scale.promoterFrom) return 'promoter';
  return score >= scale.passiveFrom ? 'passive' : 'detractor';
}
