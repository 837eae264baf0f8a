/**
 * A comment with its evidence highlighted: theme evidence spans as highlighter marks (the
 * focused theme stronger), targets outlined, and each clause underlined in its sentiment
 * colour. Every mark's tooltip names the theme and its sentiment; the chips under the comment
 * say the same for screen readers.
 */
import { highlightRuns, type Clause, type Mark, type Run } from '../lib/highlight.js';
import type { FeedbackItem } from '../lib/types.js';

function marksOf(item: FeedbackItem): Mark[] {
  const marks: Mark[] = [];
  for (const theme of item.result.themes) {
    for (const span of theme.evidence) marks.push({ ...span, kind: 'theme', id: theme.id, label: theme.label, sentiment: theme.sentiment.label });
  }
  for (const target of item.result.targets) {
    if (target.found && target.start !== undefined && target.end !== undefined) {
      marks.push({ start: target.start, end: target.end, kind: 'target', id: target.text, label: target.text, sentiment: target.sentiment?.label ?? null });
    }
  }
  return marks;
}

function describe(run: Run): string {
  const parts = run.marks.map((mark) => `${mark.kind === 'theme' ? 'Theme' : 'Target'}: ${mark.label}${mark.sentiment ? ` (${mark.sentiment})` : ''}`);
  if (run.clause) parts.push(`Clause sentiment: ${run.clause}`);
  return parts.join('\n');
}

/** The highlighted text of one comment. */
export function CommentText({ item, focusTheme }: { item: FeedbackItem; focusTheme?: string }) {
  const clauses: Clause[] = item.result.sentences.map((sentence) => ({ start: sentence.start, end: sentence.end, sentiment: sentence.sentiment.label }));
  const runs = highlightRuns(item.text, clauses, marksOf(item));
  return (
    <p class="comment__text">
      {runs.map((run) => {
        let content: preact.ComponentChildren = run.text;
        const theme = run.marks.find((mark) => mark.kind === 'theme' && mark.id === focusTheme) ?? run.marks.find((mark) => mark.kind === 'theme');
        const target = run.marks.find((mark) => mark.kind === 'target');
        if (target) content = <span class="target-mark">{content}</span>;
        if (theme) {
          const focused = focusTheme !== undefined && theme.id === focusTheme;
          content = (
            <mark class={`evidence${focused ? ' evidence--focus' : ''}`} data-theme={theme.id} title={describe(run)}>
              {content}
            </mark>
          );
        }
        return run.clause ? (
          <span class={`clause clause--${run.clause}`} title={theme ? undefined : describe(run)}>
            {content}
          </span>
        ) : (
          content
        );
      })}
    </p>
  );
}

/** The key to the highlighting. */
export function HighlightLegend() {
  return (
    <ul class="legend" aria-label="How comments are highlighted">
      <li>
        <mark class="evidence">theme evidence</mark>
      </li>
      <li>
        <span class="target-mark">target</span>
      </li>
      <li>
        clause underlined by sentiment: <span class="clause clause--negative">negative</span> <span class="clause clause--mixed">mixed</span>{' '}
        <span class="clause clause--positive">positive</span>
      </li>
    </ul>
  );
}
