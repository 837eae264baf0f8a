/**
 * Clause splitting inside each sentence, for contrast weighting ("fast delivery but the box was
 * crushed") and for per-theme sentiment. Decisions (each has a test in test/text/clauses.test.ts):
 *
 * - Adversative connectives open an 'after-contrast' clause; the clause before becomes
 *   'before-contrast': "but" (not "but also", "nothing but", "all but"), mid-sentence
 *   "although"/"though"/"even though", "except", and, only after a comma/semicolon/dash or at
 *   sentence start, "however", "yet" ("and yet" starts at "and"), "nevertheless", "nonetheless",
 *   "whereas", "while"/"whilst".
 *   Bare "yet"/"while" elsewhere are adverbs or temporal ("not yet", "while waiting").
 * - A sentence opened by a concessive ("Although ..., X", also "though", "even though",
 *   "whereas", "while", "whilst", "despite", "except") is split at its first comma: the
 *   concessive clause is 'before-contrast' (connective "although"), the main clause
 *   'after-contrast' (connective null).
 *   Without a comma the sentence stays one clause with the connective recorded and role 'plain'.
 * - A sentence that starts with an adversative ("But the price...", also "however", "yet",
 *   "nevertheless", "nonetheless", and the regrets "unfortunately", "sadly", "shame", "pity":
 *   "Lovely design. Shame half the buttons do nothing.") has its first clause
 *   'after-contrast', and the last clause of the previous sentence becomes 'before-contrast'.
 * - ';' and a spaced dash (" - ", " – ", " — ") end a clause (role 'plain'); the mark stays with
 *   the clause before it.
 * - ", and" / ", so" split only when a subject-like word follows ("..., and the staff were rude");
 *   plain "and" never splits (keeps "I love the colour and the size" whole). Role 'plain'.
 * - The connective token is inside the clause it opens; clause spans run from the first token's
 *   start to the last token's end, so they never begin or end with whitespace.
 * Mid-sentence concessives ("The room was dirty, although the staff were nice") are positional
 * too: the "although" clause is 'after-contrast'. A scorer that wants the main clause to win there
 * can test CONCESSIVE_CONNECTIVES.has(clause.connective).
 */
import type { Clause, Sentence, Token } from './document.js';

/** Connectives that mark contrast in any position. */
export const CONTRAST_CONNECTIVES: ReadonlySet<string> = new Set([
  'but', 'although', 'though', 'even though', 'however', 'yet', 'nevertheless', 'nonetheless',
  'whereas', 'while', 'whilst', 'except', 'despite',
]);

/** Connectives that introduce a concession (the other clause carries the main point). */
export const CONCESSIVE_CONNECTIVES: ReadonlySet<string> = new Set([
  'although', 'though', 'even though', 'whereas', 'while', 'whilst', 'despite',
]);

const ALWAYS_SPLITS: ReadonlySet<string> = new Set(['but', 'although', 'though', 'except']);
const SPLITS_AFTER_PUNCTUATION: ReadonlySet<string> = new Set([
  'however', 'yet', 'nevertheless', 'nonetheless', 'whereas', 'while', 'whilst',
]);
const OPENS_CONCESSION: ReadonlySet<string> = new Set([
  'although', 'though', 'whereas', 'while', 'whilst', 'despite', 'except',
]);
const SENTENCE_INITIAL_ADVERSATIVE: ReadonlySet<string> = new Set([
  'but', 'however', 'yet', 'nevertheless', 'nonetheless', 'unfortunately', 'sadly', 'shame', 'pity',
]);
/** "nothing but compliments", "all but broken": "but" means "only"/"almost" here, not contrast. */
const ONLY_BEFORE_BUT: ReadonlySet<string> = new Set(['nothing', 'anything', 'none', 'all', 'everything']);
const CLAUSE_PUNCTUATION: ReadonlySet<string> = new Set([',', ';', ':', '-', '–', '—', '--']);
const DASHES: ReadonlySet<string> = new Set(['-', '–', '—', '--']);
/** Words that start a new subject after ", and" / ", so". */
const SUBJECT_STARTERS: ReadonlySet<string> = new Set([
  'i', 'you', 'he', 'she', 'it', 'we', 'they', 'the', 'my', 'your', 'his', 'her', 'its', 'our',
  'their', 'this', 'that', 'these', 'those', 'there', 'everything', 'nothing', 'nobody', 'everyone',
  'someone', 'no', 'now', 'then', "it's", "i'm", "i've", "they're", "we're", "you're", "that's",
]);

interface SplitPoint {
  /** First token of the new clause. */
  token: number;
  connective: string | null;
  contrast: boolean;
}

function isContent(token: Token): boolean {
  return token.kind !== 'punctuation';
}

function hasContent(tokens: Token[], from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) if (isContent(tokens[index])) return true;
  return false;
}

function isSpacedDash(text: string, token: Token): boolean {
  if (!DASHES.has(token.text)) return false;
  const before = text.charAt(token.start - 1);
  const after = text.charAt(token.end);
  return (before === ' ' || before === '\t') && (after === ' ' || after === '\t');
}

/** Where a mid-sentence connective at `index` starts its clause, or -1 if it does not split. */
function connectiveSplit(tokens: Token[], index: number, lastStart: number): SplitPoint | null {
  const normal = tokens[index].normal;
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  if (normal === 'though' && previous.normal === 'even') {
    return index - 1 > lastStart ? { token: index - 1, connective: 'even though', contrast: true } : null;
  }
  if (ALWAYS_SPLITS.has(normal)) {
    if (normal === 'but' && (next?.normal === 'also' || ONLY_BEFORE_BUT.has(previous.normal))) return null;
    return { token: index, connective: normal, contrast: true };
  }
  if (SPLITS_AFTER_PUNCTUATION.has(normal)) {
    if (CLAUSE_PUNCTUATION.has(previous.text)) return { token: index, connective: normal, contrast: true };
    if (normal === 'yet' && previous.normal === 'and' && index - 1 > lastStart) {
      return { token: index - 1, connective: 'yet', contrast: true };
    }
    return null;
  }
  if ((normal === 'and' || normal === 'so') && previous.text === ',' && next !== undefined) {
    if (SUBJECT_STARTERS.has(next.normal)) return { token: index, connective: normal, contrast: false };
  }
  return null;
}

/** First token index after the first comma (or ';'/dash) following `from` that has content after it. */
function mainClauseStart(text: string, tokens: Token[], from: number, end: number): number {
  for (let index = from + 1; index < end - 1; index += 1) {
    const token = tokens[index];
    if ((token.text === ',' || token.text === ';' || isSpacedDash(text, token)) && hasContent(tokens, index + 1, end)) {
      return index + 1;
    }
  }
  return -1;
}

function pushClause(
  clauses: Clause[],
  sentence: Sentence,
  sentenceIndex: number,
  tokens: Token[],
  firstToken: number,
  endToken: number,
  connective: string | null,
  role: Clause['role'],
): void {
  sentence.clauses.push(clauses.length);
  clauses.push({
    start: tokens[firstToken].start,
    end: tokens[endToken - 1].end,
    sentence: sentenceIndex,
    firstToken,
    endToken,
    connective,
    role,
  });
}

/**
 * Splits every sentence into clauses, appends them to `clauses` and records their indexes in
 * `sentence.clauses`. Every token ends up in exactly one clause.
 *
 * Example: "fast delivery but the box was crushed" -> "fast delivery" (before-contrast) and
 * "but the box was crushed" (after-contrast, connective "but").
 */
export function splitClauses(text: string, tokens: Token[], sentences: Sentence[]): Clause[] {
  const clauses: Clause[] = [];
  for (let sentenceIndex = 0; sentenceIndex < sentences.length; sentenceIndex += 1) {
    const sentence = sentences[sentenceIndex];
    const { firstToken, endToken } = sentence;
    let firstContent = firstToken;
    while (firstContent < endToken - 1 && !isContent(tokens[firstContent])) firstContent += 1;
    const opener = tokens[firstContent].normal;
    const points: SplitPoint[] = [];
    let openingConnective: string | null = null;
    let openingRole: Clause['role'] = 'plain';
    let scanFrom = firstContent + 1;

    const concessive =
      OPENS_CONCESSION.has(opener) || (opener === 'even' && tokens[firstContent + 1]?.normal === 'though');
    if (concessive) {
      openingConnective = opener === 'even' ? 'even though' : opener;
      const mainStart = mainClauseStart(text, tokens, firstContent, endToken);
      if (mainStart > 0) {
        openingRole = 'before-contrast';
        points.push({ token: mainStart, connective: null, contrast: true });
        scanFrom = mainStart;
      }
    } else if (SENTENCE_INITIAL_ADVERSATIVE.has(opener) && hasContent(tokens, firstContent + 1, endToken)) {
      openingConnective = opener;
      openingRole = 'after-contrast';
      const previous = clauses[clauses.length - 1];
      if (previous !== undefined && previous.role === 'plain') previous.role = 'before-contrast';
    }

    for (let index = scanFrom; index < endToken; index += 1) {
      const token = tokens[index];
      const lastStart = points.length > 0 ? points[points.length - 1].token : firstToken;
      let point: SplitPoint | null = null;
      if (token.text === ';' || isSpacedDash(text, token)) {
        point = { token: index + 1, connective: null, contrast: false };
      } else if (token.kind === 'word' && index > lastStart) {
        point = connectiveSplit(tokens, index, lastStart);
      }
      if (point === null || point.token >= endToken) continue;
      const contentFrom = point.connective === null ? point.token : index + 1;
      if (!hasContent(tokens, lastStart, point.token) || !hasContent(tokens, contentFrom, endToken)) continue;
      if (points.length > 0 && point.token <= lastStart) continue;
      points.push(point);
    }

    let clauseStart = firstToken;
    let connective = openingConnective;
    let role: Clause['role'] = openingRole;
    for (const point of points) {
      pushClause(clauses, sentence, sentenceIndex, tokens, clauseStart, point.token, connective, role);
      if (point.contrast) {
        const previous = clauses[clauses.length - 1];
        if (previous.role === 'plain') previous.role = 'before-contrast';
      }
      clauseStart = point.token;
      connective = point.connective;
      role = point.contrast ? 'after-contrast' : 'plain';
    }
    pushClause(clauses, sentence, sentenceIndex, tokens, clauseStart, endToken, connective, role);
  }
  return clauses;
}
