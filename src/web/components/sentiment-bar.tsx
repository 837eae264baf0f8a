/** A stacked bar of a sentiment mix (negative, mixed, neutral, positive), with its numbers in the label. */
import { formatShare } from '../lib/format.js';
import { SENTIMENT_COLORS, SENTIMENT_ORDER } from '../lib/palette.js';
import type { SentimentMix } from '../lib/types.js';

/** Draws the mix; the accessible label and tooltip give each share. */
export function SentimentBar({ mix, width = 120 }: { mix: SentimentMix; width?: number }) {
  const total = SENTIMENT_ORDER.reduce((sum, label) => sum + mix[label], 0);
  if (total === 0) return <span class="muted">–</span>;
  const description = SENTIMENT_ORDER.map((label) => `${label} ${formatShare(mix[label] / total)}`).join(', ');
  return (
    <span class="sentiment-bar" style={{ width: `${width}px` }} role="img" aria-label={`Sentiment: ${description}`} title={description}>
      {SENTIMENT_ORDER.map((label) =>
        mix[label] > 0 ? <span class={`sentiment-bar__part sentiment-bar__part--${label}`} style={{ flexGrow: mix[label], background: SENTIMENT_COLORS[label] }} /> : null,
      )}
    </span>
  );
}

/** The legend of sentiment colours. */
export function SentimentLegend() {
  return (
    <ul class="legend" aria-label="Sentiment colours">
      {SENTIMENT_ORDER.map((label) => (
        <li>
          <span class="legend__swatch" style={{ background: SENTIMENT_COLORS[label] }} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
