/**
 * Colours: the Okabe-Ito palette (safe for the common colour-vision deficiencies) with a
 * blue-orange diverging pair for good/bad. Colour never carries meaning alone: every coloured
 * mark also has a label, a sign or a position.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export type SentimentLabel = 'positive' | 'negative' | 'neutral' | 'mixed';

/** Sentiment colours: positive blue, negative vermillion (the diverging pair), mixed purple, neutral grey. */
export const SENTIMENT_COLORS: Record<SentimentLabel, string> = {
  positive: OKABE_ITO.blue,
  negative: OKABE_ITO.vermillion,
  mixed: OKABE_ITO.reddishPurple,
  neutral: '#9A9A9A',
};

/** Series colours in order, for charts with several lines. */
export const SERIES_COLORS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.vermillion];

/** Display order of the sentiment labels in bars and legends: bad to good. */
export const SENTIMENT_ORDER: readonly SentimentLabel[] = ['negative', 'mixed', 'neutral', 'positive'];
