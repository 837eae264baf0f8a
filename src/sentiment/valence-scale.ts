/**
 * The scale every sentiment reading shares: valence normalized to [-1, 1] as VADER does it, and the
 * confidence a reading earns from its evidence. The rule scorer (rule-scorer.ts) reads on it with
 * its defaults; the foreign lexicon reading (src/language/lexicon-scorer.ts) with a lower ceiling.
 */

/** Normalization constant: score = x / sqrt(x^2 + ALPHA). Source: VADER normalize(), alpha = 15. */
export const ALPHA = 15;
/** Confidence of a clause with no opinion words: low, the scorer simply has nothing to go on. */
export const NO_EVIDENCE_CONFIDENCE = 0.2;
/** Confidence floor and ceiling for clauses with evidence. Verbatim's choice. */
export const MIN_EVIDENCE_CONFIDENCE = 0.3;
export const MAX_CONFIDENCE = 0.95;
/**
 * Total |valence| at which evidence strength reaches 1 - 1/e: about one strong word (VADER scale).
 * Verbatim's choice.
 */
export const EVIDENCE_SATURATION = 2;

/** Maps a value to [-1, 1] the way VADER does. */
export function normalizeValence(value: number, alpha: number = ALPHA): number {
  const score = value / Math.sqrt(value * value + alpha);
  return score < -1 ? -1 : score > 1 ? 1 : score;
}

/**
 * How sure a reading is of evidence summing to `signed` with `absolute` total strength: from `floor`
 * toward `ceiling` as the items agree in sign and their strength saturates (NO_EVIDENCE_CONFIDENCE
 * without any). The rule scorer's scale by default; the foreign lexicon reading passes its own.
 */
export function evidenceConfidence(
  signed: number,
  absolute: number,
  floor = MIN_EVIDENCE_CONFIDENCE,
  ceiling = MAX_CONFIDENCE,
  saturation = EVIDENCE_SATURATION,
): number {
  if (absolute === 0) return NO_EVIDENCE_CONFIDENCE;
  const agreement = Math.abs(signed) / absolute;
  const strength = 1 - Math.exp(-absolute / saturation);
  return floor + (ceiling - floor) * agreement * strength;
}

