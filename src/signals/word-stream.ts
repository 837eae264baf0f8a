/**
 * The document as a stream of words for phrase matching: punctuation, emoji and URLs dropped,
 * split contractions re-joined ("wo" + "n't" -> "wont"), apostrophes removed so "won't", "wont"
 * and "won’t" all read the same, numbers and ordinals parsed, capitalized names flagged.
 */
import type { TextDocument, TokenKind } from '../text/document.js';
import { ANY_WORD_KEY, NAME_KEY, NUMBER_KEY, ORDINAL_KEY, keysOfForm, startMaskOf, vocabularyVersion } from './phrase-vocabulary.js';

export interface Word {
  /** Canonical normal form: lower case, no apostrophes. */
  normal: string;
  /** Canonical lemma (equal to `normal` for re-joined contractions). */
  lemma: string;
  start: number;
  end: number;
  /** Index of the first token of this word in TextDocument.tokens. */
  token: number;
  /** Index into TextDocument.clauses, or -1 when the token belongs to no clause. */
  clause: number;
  /** Index into TextDocument.sentences, or -1. */
  sentence: number;
  /** A stop punctuation mark (. , ! ? ; : brackets) lies between this word and the previous one. */
  boundaryBefore: boolean;
  /** The value when the word is a cardinal number ("45", "three"). */
  number: number | null;
  /** The value when the word is an ordinal ("third", "3rd"). */
  ordinal: number | null;
  /** A capitalized word or @handle that does not open its sentence (a brand, a competitor). */
  name: boolean;
  shouting: boolean;
  /**
   * Trie key ids of the normal form, the exact normal form and the lemma (phrase-vocabulary.ts),
   * as registered when the stream was built: compile phrase lists before building streams.
   */
  normalKey: number;
  exactKey: number;
  lemmaKey: number;
  /** Bits of the phrase tries that have a phrase starting with one of this word's keys. */
  startMask: number;
}

/**
 * Derived facts are cached per token normal form; past this many distinct forms the cache is
 * emptied (bounds memory on a long-running server; a feedback corpus has far fewer forms).
 */
export const FORM_CACHE_LIMIT = 50_000;

/**
 * What a token's normal form yields, computed once per distinct form: its canonical form, number
 * and ordinal values, and (valid while the vocabulary version is unchanged) its trie keys and the
 * start-mask bits they give.
 */
interface FormFacts {
  normal: string;
  number: number | null;
  ordinal: number | null;
  version: number;
  plainKey: number;
  exactKey: number;
  /** startMaskOf(plainKey) | startMaskOf(exactKey) | startMaskOf(ANY_WORD_KEY). */
  mask: number;
}
/** What a token's lemma yields: its canonical form and (per vocabulary version) its plain key and mask. */
interface LemmaFacts {
  lemma: string;
  version: number;
  plainKey: number;
  mask: number;
}
const factsByForm = new Map<string, FormFacts>();
const factsByLemma = new Map<string, LemmaFacts>();
const APOSTROPHES = /['’ʼ`]/g;
const SKIPPED_KINDS: ReadonlySet<TokenKind> = new Set(['punctuation', 'emoji', 'emoticon', 'symbol', 'url', 'email']);
/** Punctuation that ends a phrase: a match may not run across these. */
const STOP_PUNCTUATION = new Set(['.', ',', '!', '?', ';', ':', '(', ')', '[', ']', '"', '…', '...']);
/** Contraction tails a tokenizer may split off ("do" + "n't"), apostrophes already made straight. */
const CONTRACTION_TAILS = new Set(["n't", "'s", "'ll", "'re", "'ve", "'d", "'m", "'t"]);

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  ninety: 90, hundred: 100, a: 1, an: 1,
};
const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, umpteenth: 12, nth: 12, hundredth: 100,
};
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);

/** Lower-cases and removes apostrophes: the form both phrase lists and documents are compared in. */
export function canonicalWord(word: string): string {
  return word.toLowerCase().replace(APOSTROPHES, '');
}

function leadingDigits(text: string): { value: number; rest: string } | null {
  let index = 0;
  while (index < text.length && text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57) index += 1;
  if (index === 0) return null;
  return { value: Number(text.slice(0, index)), rest: text.slice(index) };
}

function parseNumber(normal: string): number | null {
  const digits = leadingDigits(normal);
  if (digits && (digits.rest === '' || digits.rest === '+')) return digits.value;
  return NUMBER_WORDS[normal] ?? null;
}

function parseOrdinal(normal: string): number | null {
  const digits = leadingDigits(normal);
  if (digits && ORDINAL_SUFFIXES.has(digits.rest)) return digits.value;
  return ORDINAL_WORDS[normal] ?? null;
}

/** A token form's facts, as memoized on its TokenForm (owner: the factsByForm table). */
interface FormMemo {
  facts: FormFacts;
  lemmaFacts: LemmaFacts | null;
}

function factsOf(form: string): FormFacts {
  let facts = factsByForm.get(form);
  if (facts === undefined) {
    if (factsByForm.size >= FORM_CACHE_LIMIT) factsByForm.clear();
    const normal = canonicalWord(form);
    facts = { normal, number: parseNumber(normal), ordinal: parseOrdinal(normal), version: -1, plainKey: 0, exactKey: 0, mask: 0 };
    factsByForm.set(form, facts);
  }
  return refreshed(facts);
}

/** The facts with their keys and mask brought up to the current vocabulary version. */
function refreshed(facts: FormFacts): FormFacts {
  const version = vocabularyVersion();
  if (facts.version !== version) {
    const keys = keysOfForm(facts.normal);
    facts.plainKey = keys.plain;
    facts.exactKey = keys.exact;
    facts.mask = startMaskOf(keys.plain) | startMaskOf(keys.exact) | startMaskOf(ANY_WORD_KEY);
    facts.version = version;
  }
  return facts;
}

function lemmaFactsOf(form: string): LemmaFacts {
  let facts = factsByLemma.get(form);
  if (facts === undefined) {
    if (factsByLemma.size >= FORM_CACHE_LIMIT) factsByLemma.clear();
    facts = { lemma: canonicalWord(form), version: -1, plainKey: 0, mask: 0 };
    factsByLemma.set(form, facts);
  }
  return refreshedLemma(facts);
}

function refreshedLemma(facts: LemmaFacts): LemmaFacts {
  const version = vocabularyVersion();
  if (facts.version !== version) {
    facts.plainKey = keysOfForm(facts.lemma).plain;
    facts.mask = startMaskOf(facts.plainKey);
    facts.version = version;
  }
  return facts;
}

/** Sets a word's trie key ids from its current normal form and lemma. */
function assignKeys(word: Word): void {
  const keys = keysOfForm(word.normal);
  word.normalKey = keys.plain;
  word.exactKey = keys.exact;
  word.lemmaKey = word.lemma === word.normal ? keys.plain : keysOfForm(word.lemma).plain;
  let mask = startMaskOf(word.normalKey) | startMaskOf(word.exactKey) | startMaskOf(ANY_WORD_KEY) | startMaskOf(word.lemmaKey);
  if (word.number !== null) mask |= startMaskOf(NUMBER_KEY);
  if (word.ordinal !== null) mask |= startMaskOf(ORDINAL_KEY);
  if (word.name) mask |= startMaskOf(NAME_KEY);
  word.startMask = mask;
}

function isCapitalized(text: string): boolean {
  const code = text.charCodeAt(0);
  // ASCII fast path: A-Z are capitals; a-z, digits and ASCII marks have no case.
  if (code >= 65 && code <= 90) return true;
  if (code < 128) return false;
  const first = text.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/**
 * Word objects reused from one document's stream to the next. The stream is the largest thing the
 * pipeline allocates per comment (~6.5 of ~42 KB sampled), and a detector reads it only while it
 * runs: nothing it returns points at a Word.
 */
export class WordPool {
  private readonly words: Word[] = [];

  /** The pool's `index`-th word, made on first need; its fields are the caller's to overwrite. */
  at(index: number): Word {
    let word = this.words[index];
    if (word === undefined) this.words[index] = word = blankWord();
    return word;
  }
}

/** A word with every field set (one object shape for pooled and fresh words alike). */
function blankWord(): Word {
  return { normal: '', lemma: '', start: 0, end: 0, token: 0, clause: -1, sentence: -1, boundaryBefore: false, number: null,
    ordinal: null, name: false, shouting: false, normalKey: 0, exactKey: 0, lemmaKey: 0, startMask: 0 };
}

/**
 * Builds the word stream of a document (one pass over its tokens). Clause and sentence of each
 * token are followed with cursors (both are ordered, non-overlapping token ranges), and a token's
 * keys come from the per-form caches, so a word costs two Map lookups. With a `pool` the words are
 * the pool's objects, valid until the pool's next stream (a detector passes its own).
 */
export function wordsOf(doc: TextDocument, pool: WordPool | null = null): Word[] {
  const tokens = doc.tokens;
  const clauses = doc.clauses;
  const sentences = doc.sentences;
  let clauseCursor = 0;
  let sentenceCursor = 0;

  const words: Word[] = [];
  let boundary = false;
  let lastSentence = -1;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (SKIPPED_KINDS.has(token.kind)) {
      if (token.kind !== 'punctuation' || STOP_PUNCTUATION.has(token.text) || token.text.length > 1) boundary = true;
      continue;
    }
    const previous = words[words.length - 1];
    if (previous && previous.end === token.start) {
      const tail = token.normal.toLowerCase().replace(APOSTROPHES, "'");
      if (CONTRACTION_TAILS.has(tail)) {
        previous.normal = canonicalWord(previous.normal + tail);
        previous.lemma = previous.normal;
        previous.end = token.end;
        assignKeys(previous);
        continue;
      }
    }
    while (clauseCursor < clauses.length && clauses[clauseCursor]!.endToken <= index) clauseCursor += 1;
    while (sentenceCursor < sentences.length && sentences[sentenceCursor]!.endToken <= index) sentenceCursor += 1;
    const clause = clauseCursor < clauses.length && clauses[clauseCursor]!.firstToken <= index ? clauseCursor : -1;
    const sentence =
      sentenceCursor < sentences.length && sentences[sentenceCursor]!.firstToken <= index ? sentenceCursor : -1;
    const form = token.form;
    let memo: FormMemo;
    if (form !== undefined && form.signalsOwner === factsByForm) memo = form.signalsValue as FormMemo;
    else {
      memo = {
        facts: factsOf(token.normal),
        lemmaFacts: token.lemma && token.lemma !== token.normal ? lemmaFactsOf(token.lemma) : null,
      };
      if (form !== undefined) {
        form.signalsOwner = factsByForm;
        form.signalsValue = memo;
      }
    }
    const facts = refreshed(memo.facts);
    const normal = facts.normal;
    let lemma = normal;
    let lemmaKey = facts.plainKey;
    let lemmaMask = 0;
    if (memo.lemmaFacts !== null) {
      const lemmaFacts = refreshedLemma(memo.lemmaFacts);
      lemma = lemmaFacts.lemma;
      if (lemma !== normal) {
        lemmaKey = lemmaFacts.plainKey;
        lemmaMask = lemmaFacts.mask;
      }
    }
    const opensSentence = sentence !== lastSentence;
    lastSentence = sentence;
    const number = token.kind === 'number' || token.kind === 'word' ? facts.number : null;
    const name = token.kind === 'mention' || (!opensSentence && normal !== 'i' && isCapitalized(token.text));
    let startMask = facts.mask | lemmaMask;
    if (number !== null) startMask |= startMaskOf(NUMBER_KEY);
    if (facts.ordinal !== null) startMask |= startMaskOf(ORDINAL_KEY);
    if (name) startMask |= startMaskOf(NAME_KEY);
    const word = pool === null ? blankWord() : pool.at(words.length);
    word.normal = normal;
    word.lemma = lemma;
    word.start = token.start;
    word.end = token.end;
    word.token = index;
    word.clause = clause;
    word.sentence = sentence;
    word.boundaryBefore = boundary || opensSentence;
    word.number = number;
    word.ordinal = facts.ordinal;
    word.name = name;
    word.shouting = token.shouting;
    word.normalKey = facts.plainKey;
    word.exactKey = facts.exactKey;
    word.lemmaKey = lemmaKey;
    word.startMask = startMask;
    words.push(word);
    boundary = false;
  }
  return words;
}
