/**
 * The rule-based clause scorer: lexicon and phrase hits, shaped by negation, modifiers, caps,
 * punctuation, sarcasm and politeness rules, normalized to [-1, 1] as VADER does. Every number that
 * moves a score leaves an Evidence entry.
 *
 * Evidence weights: lexicon/phrase/emoji entries carry the item's FINAL contribution (after its
 * rules); 'rule' entries explain an adjustment already inside an item (negation, intensifier,
 * caps, question, sarcasm, politeness), except 'exclamation', whose weight is added on top. So the
 * raw clause valence = sum of non-rule weights + the exclamation weight.
 *
 * @example
 *   const scorer = createRuleScorer();
 *   const [[clause]] = await scorer.scoreClauses([doc]); // doc from createTextProcessor().process(...)
 *   clause.score; clause.evidence.map((e) => e.term);
 */
import type { Span } from '../contract.js';
import { VerbatimError } from '../errors.js';
import type { TextDocument } from '../text/document.js';
import { countMarks, exclamationEmphasis, PLAIN_ASK_CONFIDENCE, PLAIN_QUESTION_TERM, QUESTION_POSITIVE_SCALE } from './emphasis.js';
import { isPlainRequest, PLAIN_REQUEST_TERM } from './requests.js';
import { applyDocumentRules } from './document-rules.js';
import { FRAGMENT_CONFIDENCE, FRAGMENT_TERM, isFragment, MAX_FRAGMENT_TOKENS } from './fragments.js';
import { loadLexicon, type Lexicon } from './lexicon.js';
import { C_INCR, MODIFIER_DISTANCE_DECAY, MODIFIER_REACH, modifierAt } from './modifiers.js';
import { isDisbelief, N_SCALAR, NEGATION_SCOPE } from './negation.js';
import { keyFactsOf, keyFactsTable, type KeyFacts } from './key-facts.js';
import {
  hasQuotedSpan,
  isQuoteMark,
  isSarcasticOpener,
  POLITENESS_TERMS,
  REPETITION_MARKERS,
  SARCASM_SCALE,
  SARCASM_TERM,
  SCARE_QUOTES_TERM,
  USED_TO_TERM,
  usedToStart,
} from './patterns.js';
import { matchPhrase } from './phrases.js';
import { collapsedElongation, emojiBase } from './token-keys.js';
import type { ClauseScore, ClauseScorer, Evidence } from './types.js';
import { evidenceConfidence, NO_EVIDENCE_CONFIDENCE, normalizeValence } from './valence-scale.js';

// The scale every sentiment reading shares, re-exported where it was first defined.
export { ALPHA, EVIDENCE_SATURATION, evidenceConfidence, MAX_CONFIDENCE, MIN_EVIDENCE_CONFIDENCE, NO_EVIDENCE_CONFIDENCE, normalizeValence } from './valence-scale.js';

export interface RuleScorerOptions {
  /** A lexicon file other than the default one (validated on load). */
  lexiconPath?: string;
  /** An already loaded lexicon (tests, custom data). */
  lexicon?: Lexicon;
}

const enum Role {
  None = 0,
  Negator = 1,
  Modifier = 2,
  Breaker = 3,
  Item = 4,
}

interface Item {
  first: number;
  end: number;
  valence: number;
  source: 'lexicon' | 'phrase' | 'emoji';
  term: string;
}

/** lookup()'s answer, reused: the caller copies it into an Item at once (scoring never re-enters). */
const lookupAnswer = { valence: 0, source: 'lexicon' as Item['source'], term: '' };

function hitOf(valence: number, source: Item['source'], term: string): typeof lookupAnswer {
  lookupAnswer.valence = valence;
  lookupAnswer.source = source;
  lookupAnswer.term = term;
  return lookupAnswer;
}

function lookup(
  lexicon: Lexicon,
  doc: TextDocument,
  index: number,
  key: string,
  keyValence: number | undefined,
): typeof lookupAnswer | null {
  const token = doc.tokens[index]!;
  const kind = token.kind;
  if (kind === 'emoji' || kind === 'emoticon') {
    const symbol = kind === 'emoji' ? emojiBase(token.text) : token.text;
    const found = lexicon.emoji.get(symbol) ?? lexicon.emoji.get(key);
    if (found !== undefined) return hitOf(found, 'emoji', symbol);
    return null;
  }
  if (kind === 'mention' || kind === 'url' || kind === 'email') return null;
  const word = kind === 'hashtag' ? key.slice(1) : key;
  // keyValence is lexicon.words.get(key), looked up once per distinct form (key-facts.ts).
  let found = kind === 'hashtag' ? lexicon.words.get(word) : keyValence;
  if (found !== undefined) return hitOf(found, 'lexicon', word);
  if (kind === 'hashtag') return null;
  if (token.lemma !== word) {
    found = lexicon.words.get(token.lemma);
    if (found !== undefined) return hitOf(found, 'lexicon', token.lemma);
  }
  // Elongation shortens the normal form, so only such tokens can need the collapsed lookup.
  const collapsed = token.text.length > token.normal.length ? collapsedElongation(token) : null;
  if (collapsed !== null) {
    found = lexicon.words.get(collapsed);
    if (found !== undefined) return hitOf(found, 'lexicon', collapsed);
  }
  if (kind === 'word' || kind === 'number') return null;
  found = lexicon.emoji.get(word);
  if (found !== undefined) return hitOf(found, 'emoji', word);
  return null;
}

/** Evidence over tokens [first, end), built as one literal (object spread is slow in hot loops). */
function evidenceOf(doc: TextDocument, first: number, end: number, source: Evidence['source'], term: string, weight: number): Evidence {
  return { start: doc.tokens[first]!.start, end: doc.tokens[end - 1]!.end, source, term, weight };
}

/**
 * Scratch buffers reused across calls (scoring is synchronous and never re-entrant), so a clause
 * allocates no typed arrays. Only indexes below the current clause length are meaningful.
 */
const scratch = {
  keys: [] as string[],
  isNumber: [] as boolean[],
  isOrdinal: [] as boolean[],
  punctuation: [] as boolean[],
  facts: [] as KeyFacts[],
  roles: new Uint8Array(64),
  modifierScalars: new Float64Array(64),
  modifierStarts: new Int32Array(64),
};

function prepareScratch(doc: TextDocument, first: number, end: number, lexicon: Lexicon): typeof scratch {
  const length = end - first;
  if (scratch.roles.length < length) {
    const size = Math.max(length, scratch.roles.length * 2);
    scratch.roles = new Uint8Array(size);
    scratch.modifierScalars = new Float64Array(size);
    scratch.modifierStarts = new Int32Array(size);
  } else {
    scratch.roles.fill(0, 0, length);
    scratch.modifierScalars.fill(0, 0, length);
  }
  const { keys, isNumber, isOrdinal, punctuation, facts } = scratch;
  const table = keyFactsTable(lexicon);
  for (let i = 0; i < length; i++) {
    const token = doc.tokens[first + i]!;
    const tokenFacts = keyFactsOf(lexicon, table, token);
    facts[i] = tokenFacts;
    keys[i] = tokenFacts.key;
    isNumber[i] = token.kind === 'number' || tokenFacts.numberWord;
    isOrdinal[i] = tokenFacts.ordinal;
    punctuation[i] = token.kind === 'punctuation';
  }
  return scratch;
}

function confidenceOf(items: readonly Item[]): number {
  let signed = 0;
  let absolute = 0;
  for (const item of items) {
    signed += item.valence;
    absolute += Math.abs(item.valence);
  }
  return evidenceConfidence(signed, absolute);
}

/**
 * Scores tokens [first, end) of a document. The core of every public entry point; synchronous and
 * allocation-light (a few small arrays per call).
 */
export function scoreTokenRange(doc: TextDocument, first: number, end: number, lexicon: Lexicon): ClauseScore {
  if (end <= first) return { score: 0, confidence: NO_EVIDENCE_CONFIDENCE, evidence: [] };
  const tokens = prepareScratch(doc, first, end, lexicon);
  const { keys, punctuation, roles, modifierScalars, modifierStarts, facts, isNumber, isOrdinal } = tokens;
  const length = end - first;
  if (length <= MAX_FRAGMENT_TOKENS + 3 && isFragment(keys, length)) {
    return {
      score: 0,
      confidence: FRAGMENT_CONFIDENCE,
      evidence: [evidenceOf(doc, first, end, 'rule', FRAGMENT_TERM, 0)],
    };
  }
  const marks = { exclamations: 0, questions: 0 };
  const items: Item[] = [];
  for (let i = 0; i < length; ) {
    if (punctuation[i]) {
      countMarks(keys[i]!, marks);
      roles[i] = Role.Breaker;
      i++;
      continue;
    }
    const tokenFacts = facts[i]!;
    // matchPhrase's own first test, answered from the key facts without a call.
    const phrase = tokenFacts.startsPhrase || isNumber[i] || isOrdinal[i] ? matchPhrase(lexicon.phrases, tokens, i, length) : null;
    if (phrase) {
      if (phrase.valence !== 0) {
        items.push({ first: i, end: i + phrase.length, valence: phrase.valence, source: 'phrase', term: phrase.phrase });
      }
      roles.fill(Role.Item, i, i + phrase.length);
      i += phrase.length;
      continue;
    }
    const key = keys[i]!;
    const modifier = tokenFacts.modifier ? modifierAt(keys, i, length) : null;
    if (modifier) {
      roles.fill(Role.Modifier, i, i + modifier.length);
      modifierScalars[i + modifier.length - 1] = modifier.scalar;
      modifierStarts[i + modifier.length - 1] = i;
      i += modifier.length;
      continue;
    }
    if (tokenFacts.negator) {
      // "not only ... but" is additive, not a negation.
      roles[i] = (i + 1 < length && keys[i + 1] === 'only') || isDisbelief(keys, i, length) ? Role.None : Role.Negator;
      i++;
      continue;
    }
    if (tokenFacts.breaker) {
      roles[i] = Role.Breaker;
      i++;
      continue;
    }
    const hit = lookup(lexicon, doc, first + i, key, tokenFacts.wordValence);
    if (hit && hit.valence !== 0) {
      items.push({ first: i, end: i + 1, valence: hit.valence, source: hit.source, term: hit.term });
      roles[i] = Role.Item;
    }
    i++;
  }
  const evidence: Evidence[] = [];
  const isQuestion = marks.questions > 0;
  for (const item of items) shapeItem(doc, first, item, tokens, keys, isQuestion, evidence);
  // Read after negation: "Why isn't my refund processed?" complains.
  if (items.every(isPositiveItem) && (isQuestion || isPlainRequest(keys, punctuation, length))) {
    const term = isQuestion ? PLAIN_QUESTION_TERM : PLAIN_REQUEST_TERM;
    return { score: 0, confidence: PLAIN_ASK_CONFIDENCE, evidence: [evidenceOf(doc, first, end, 'rule', term, 0)] };
  }
  applySarcasm(doc, first, items, keys, length, evidence);
  applyScareQuotes(doc, first, items, length, evidence);
  applyPoliteness(doc, first, items, evidence);
  let sum = 0;
  for (const item of items) {
    sum += item.valence;
    evidence.push(evidenceOf(doc, first + item.first, first + item.end, item.source, item.term, item.valence));
  }
  const emphasis = exclamationEmphasis(sum, marks.exclamations);
  if (emphasis !== 0) {
    evidence.push(evidenceOf(doc, first, end, 'rule', 'exclamation', emphasis));
  }
  return { score: normalizeValence(sum + emphasis), confidence: confidenceOf(items), evidence };
}

function isPositiveItem(item: Item): boolean {
  return item.valence > 0;
}

function shapeItem(
  doc: TextDocument,
  first: number,
  item: Item,
  marks: { roles: Uint8Array; modifierScalars: Float64Array; modifierStarts: Int32Array },
  keys: readonly string[],
  isQuestion: boolean,
  evidence: Evidence[],
): void {
  const { roles, modifierScalars, modifierStarts } = marks;
  const base = item.valence;
  const sign = base > 0 ? 1 : -1;
  let valence = base;
  let shouting = false;
  for (let i = item.first; i < item.end; i++) if (doc.tokens[first + i]!.shouting) shouting = true;
  if (shouting) {
    valence += sign * C_INCR;
    evidence.push(evidenceOf(doc, first + item.first, first + item.end, 'rule', 'caps', sign * C_INCR));
  }
  let negator = -1;
  for (let distance = 1; distance <= Math.max(NEGATION_SCOPE, MODIFIER_REACH); distance++) {
    const at = item.first - distance;
    if (at < 0 || roles[at] === Role.Breaker) break;
    if (roles[at] === Role.Modifier && modifierScalars[at] !== 0 && distance <= MODIFIER_REACH) {
      let scalar = modifierScalars[at]! * MODIFIER_DISTANCE_DECAY[distance]! * sign;
      if (doc.tokens[first + at]!.shouting) scalar += sign * C_INCR;
      valence += scalar;
      const start = modifierStarts[at]!;
      const words = keys.slice(start, at + 1).join(' ');
      evidence.push(evidenceOf(doc, first + start, first + at + 1, 'rule', `modifier:${words}`, scalar));
    }
    if (roles[at] === Role.Negator && negator < 0 && distance <= NEGATION_SCOPE) negator = at;
  }
  // "Used to be great", "I used to love this app": praise put in the past is a complaint now.
  const usedTo = negator < 0 && valence > 0 ? usedToStart(keys, item.first) : -1;
  if (usedTo >= 0) {
    const past = valence * N_SCALAR;
    evidence.push(evidenceOf(doc, first + usedTo, first + item.first, 'rule', USED_TO_TERM, past - valence));
    valence = past;
  }
  if (negator >= 0) {
    const negated = valence * N_SCALAR;
    evidence.push(evidenceOf(doc, first + negator, first + negator + 1, 'rule', `negation:${keys[negator]}`, negated - valence));
    valence = negated;
  }
  if (isQuestion && valence > 0) {
    const asked = valence * QUESTION_POSITIVE_SCALE;
    evidence.push(evidenceOf(doc, first + item.first, first + item.end, 'rule', 'question', asked - valence));
    valence = asked;
  }
  item.valence = valence;
}

function applySarcasm(doc: TextDocument, first: number, items: Item[], keys: readonly string[], length: number, evidence: Evidence[]): void {
  for (const item of items) {
    if (item.valence <= 0 || !isSarcasticOpener(keys, item.first, item.end, length)) continue;
    let complaint = false;
    for (const other of items) if (other !== item && other.first > item.first && other.valence < 0) complaint = true;
    for (let i = item.end; i < length && !complaint; i++) if (REPETITION_MARKERS.has(keys[i]!)) complaint = true;
    if (!complaint && hasQuotedSpan(doc.tokens, first + item.end, first + length)) complaint = true;
    if (complaint) turnSarcastic(doc, first, item, SARCASM_TERM, evidence);
  }
}

/** Turns a positive item negative at SARCASM_SCALE, with `term` as the rule evidence of the turn. */
function turnSarcastic(doc: TextDocument, first: number, item: Item, term: string, evidence: Evidence[]): void {
  const flipped = -Math.abs(item.valence) * SARCASM_SCALE;
  evidence.push(evidenceOf(doc, first + item.first, first + item.end, 'rule', term, flipped - item.valence));
  item.valence = flipped;
}

/**
 * A positive word in scare quotes is irony in feedback ("my 'quick' refund", "the 'on time'
 * train"): it turns negative as a sarcastic opener does. On the public review sets no quoted
 * positive word occurs where this changes a label; CX development set, rules alone, 0.639 -> 0.646
 * (with hasQuotedSpan after a sarcastic opener).
 */
function applyScareQuotes(doc: TextDocument, first: number, items: Item[], length: number, evidence: Evidence[]): void {
  for (const item of items) {
    if (item.valence <= 0 || item.first === 0 || item.end >= length) continue;
    if (isQuoteMark(doc.tokens[first + item.first - 1]!.text) && isQuoteMark(doc.tokens[first + item.end]!.text)) {
      turnSarcastic(doc, first, item, SCARE_QUOTES_TERM, evidence);
    }
  }
}

function applyPoliteness(doc: TextDocument, first: number, items: Item[], evidence: Evidence[]): void {
  if (!items.some((item) => item.valence < 0)) return;
  for (const item of items) {
    if (item.valence <= 0 || !POLITENESS_TERMS.has(item.term)) continue;
    evidence.push(evidenceOf(doc, first + item.first, first + item.end, 'rule', 'politeness-in-complaint', -item.valence));
    item.valence = 0;
  }
}

/**
 * Scores every clause of one document synchronously, then applies the document-level rules
 * (document-rules.ts: politeness in a complaint, sarcastic closers).
 */
export function scoreDocumentClauses(doc: TextDocument, lexicon: Lexicon = loadLexicon()): ClauseScore[] {
  const scores = doc.clauses.map((clause) => scoreTokenRange(doc, clause.firstToken, clause.endToken, lexicon));
  applyDocumentRules(doc, scores);
  return scores;
}

/** Tokens of `doc` inside `span` (a token counts when it overlaps the span). */
function tokenRangeOf(doc: TextDocument, span: Span): [number, number] {
  let first = 0;
  while (first < doc.tokens.length && doc.tokens[first]!.end <= span.start) first++;
  let end = first;
  while (end < doc.tokens.length && doc.tokens[end]!.start < span.end) end++;
  return [first, end];
}

/**
 * The rule scorer behind the ClauseScorer interface. Loads (and validates) the lexicon once, at
 * creation, so a broken lexicon fails at start-up with VERBATIM_E_INVALID_LEXICON.
 */
export function createRuleScorer(options: RuleScorerOptions = {}): ClauseScorer {
  const lexicon = options.lexicon ?? loadLexicon(options.lexiconPath);
  return {
    name: 'rules',
    idiomPhrases: lexicon.idiomPhrases,
    async scoreClauses(docs) {
      return docs.map((doc) => scoreDocumentClauses(doc, lexicon));
    },
    async scoreSpans(requests) {
      return requests.map(({ doc, span }) => {
        if (span.end < span.start) {
          throw new VerbatimError('VERBATIM_E_INTERNAL', {}, { cause: new Error(`bad span ${span.start}-${span.end}`) });
        }
        const [first, end] = tokenRangeOf(doc, span);
        return scoreTokenRange(doc, first, end, lexicon);
      });
    },
  };
}
