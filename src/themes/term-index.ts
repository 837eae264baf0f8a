/**
 * Compiles a taxonomy's seed terms and exclusions into lookup tables, once, so that matching a
 * comment is a few hash lookups per token. A term is split into words on whitespace; each word
 * matches a token literally (same normal form) or by lemma (the token's normal form or lemma
 * equals the seed word or its singular: write seeds in dictionary form, "deliver", "crash", to
 * catch "delivered", "crashing").
 */
import lemmatizer from 'wink-lemmatizer';
import type { Taxonomy, TaxonomyTheme } from './taxonomy.js';
import { GENERIC_WORDS, STOPWORDS } from './word-lists.js';

/** One seed term or exclusion phrase, ready to match. */
export interface CompiledTerm {
  /** Index of the owning theme in CompiledTaxonomy.themes. */
  theme: number;
  /** The term exactly as the taxonomy wrote it (reported in matchedTerms). */
  text: string;
  /** Canonical lower-case words. */
  words: readonly string[];
  /** Per word, the forms a token's normal form or lemma may take to match at lemma level. */
  forms: readonly ReadonlySet<string>[];
  /** Per word, the FormEntry id of the word itself (a token matches literally when its normal form has it). */
  wordIds: readonly number[];
  /** Per word, the FormEntry ids of `forms` (compared as small integers instead of strings). */
  formIds: readonly (readonly number[])[];
  /** A context term (taxonomy contextTerms): its mentions need another mention of the theme's family (mention-cues.ts). */
  context: boolean;
}

/** A theme's pair cue (taxonomy `pairs`): a word of either side near a word of the other. */
export interface CompiledPair {
  theme: number;
  /** Per side, the FormEntry id of every form of its words, mapped to the word as the taxonomy wrote it. */
  sides: readonly [ReadonlyMap<number, string>, ReadonlyMap<number, string>];
}

/** A pair cue one form takes part in, and on which side. */
export interface PairEntry {
  pair: CompiledPair;
  side: 0 | 1;
}

/** A two-word term that may also match with its words in either order a few tokens apart. */
export interface WindowEntry {
  term: CompiledTerm;
  /** Which word of the term the indexed form belongs to (0 or 1). */
  position: 0 | 1;
}

export interface CompiledTaxonomy {
  themes: readonly TaxonomyTheme[];
  themeIndexOf: ReadonlyMap<string, number>;
  /** Per theme, the indexes of all its ancestors (parent first). */
  ancestors: readonly (readonly number[])[];
  /** Per theme, whether any theme has it as an ancestor (it has sub-themes). */
  hasDescendants: readonly boolean[];
  /** Per theme, the index of its root (itself when it has no parent): what a context term's family is. */
  roots: readonly number[];
  /** Seed terms keyed by every form of their first word, longest term first. */
  termsByFirstForm: ReadonlyMap<string, readonly CompiledTerm[]>;
  /** Exclusion phrases keyed by every form of their first word, longest first. */
  exclusionsByFirstForm: ReadonlyMap<string, readonly CompiledTerm[]>;
  /** Two-word seed terms without stopwords, keyed by every form of either word. */
  windowTermsByForm: ReadonlyMap<string, readonly WindowEntry[]>;
  /** Every form of every seed word: such words are never matched by word vectors. */
  seedForms: ReadonlySet<string>;
  /** Per theme, its distinct single-word seeds (the anchors for word-vector similarity). */
  singleWordSeeds: readonly (readonly string[])[];
  /**
   * The three indexes above merged by form, so that a token costs one lookup per form (most
   * forms are in none and cost a single miss). Every form of a seed or exclusion word has an
   * entry (with null lists where it starts nothing): a token whose forms have none matches no term word.
   */
  entriesByForm: ReadonlyMap<string, FormEntry>;
  /** Normal forms never matched by word vectors: stopwords, evaluative words and seed forms. */
  embeddingBlockedNormals: ReadonlySet<string>;
  /** Lemmas never matched by word vectors: evaluative words and seed forms. */
  embeddingBlockedLemmas: ReadonlySet<string>;
}

/** What one form starts or takes part in (null where nothing). */
export interface FormEntry {
  /** Distinct per form: what CompiledTerm.wordIds and formIds refer to. */
  id: number;
  /** The multi-word terms starting with this form, by the FormEntry id of each form of their second word, longest first. */
  termsBySecond: ReadonlyMap<number, readonly CompiledTerm[]> | null;
  /** The one-word terms of this form. */
  singleTerms: readonly CompiledTerm[] | null;
  exclusions: readonly CompiledTerm[] | null;
  windowTerms: readonly WindowEntry[] | null;
  /** Pair cues with a word of this form. */
  pairs: readonly PairEntry[] | null;
}

const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc]/g;

/** Lower-cases a word and straightens apostrophes, as the text stage's normal form does. */
export function canonicalWord(word: string): string {
  return word.toLowerCase().replace(CURLY_APOSTROPHES, "'");
}

/** The words of a seed term or exclusion phrase. */
export function splitTerm(term: string): string[] {
  return term.trim().split(/\s+/).map(canonicalWord);
}

/** Builds every lookup table the matcher needs from a validated taxonomy. */
export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const themes = taxonomy.themes;
  const themeIndexOf = new Map(themes.map((theme, index) => [theme.id, index]));
  const ancestors = themes.map((theme) => {
    const chain: number[] = [];
    let parent = theme.parent;
    while (parent !== undefined) {
      const index = themeIndexOf.get(parent)!;
      chain.push(index);
      parent = themes[index]!.parent;
    }
    return chain;
  });

  const termsByFirstForm = new Map<string, CompiledTerm[]>();
  const exclusionsByFirstForm = new Map<string, CompiledTerm[]>();
  const windowTermsByForm = new Map<string, WindowEntry[]>();
  const pairsByForm = new Map<string, PairEntry[]>();
  /** Per pair, per side, its words (their entry ids are given once every form has its entry). */
  const pairWords: { pair: CompiledPair; sides: [string[], string[]] }[] = [];
  const seedForms = new Set<string>();
  const singleWordSeeds: string[][] = [];
  /** Forms of exclusion words (seed words' forms are in seedForms). */
  const termWordForms: string[] = [];

  themes.forEach((theme, themeIndex) => {
    const singles = new Set<string>();
    const contextTerms = new Set(theme.contextTerms ?? []);
    for (const text of [...theme.terms, ...contextTerms]) {
      const term = compileTerm(themeIndex, text, contextTerms.has(text));
      addByFirstForm(termsByFirstForm, term);
      for (const forms of term.forms) for (const form of forms) seedForms.add(form);
      if (term.words.length === 1) singles.add(term.words[0]!);
      if (term.words.length === 2 && !term.words.some((word) => STOPWORDS.has(word))) {
        term.forms.forEach((forms, position) => {
          for (const form of forms) push(windowTermsByForm, form, { term, position: position as 0 | 1 });
        });
      }
    }
    for (const [words, otherWords] of theme.pairs ?? []) {
      const pair: CompiledPair = { theme: themeIndex, sides: [new Map(), new Map()] };
      // A pair word matches as written (or as a token's lemma): no singular is added, since
      // "times" must not pair as "time" ("70% of the time ... call").
      const sides: [string[], string[]] = [words.map(canonicalWord), otherWords.map(canonicalWord)];
      sides.forEach((list, side) => {
        for (const word of list) push(pairsByForm, word, { pair, side: side as 0 | 1 });
      });
      pairWords.push({ pair, sides });
    }
    for (const text of theme.exclude ?? []) {
      const exclusion = compileTerm(themeIndex, text, false);
      addByFirstForm(exclusionsByFirstForm, exclusion);
      for (const forms of exclusion.forms) for (const form of forms) termWordForms.push(form);
    }
    singleWordSeeds.push([...singles]);
  });
  for (const list of termsByFirstForm.values()) list.sort(byLengthDescending);
  for (const list of exclusionsByFirstForm.values()) list.sort(byLengthDescending);

  const entriesByForm = new Map<string, FormEntry>();
  type MutableEntry = {
    id: number;
    termsBySecond: Map<number, CompiledTerm[]> | null;
    singleTerms: CompiledTerm[] | null;
    exclusions: CompiledTerm[] | null;
    windowTerms: WindowEntry[] | null;
    pairs: PairEntry[] | null;
  };
  const entryOf = (form: string): MutableEntry => {
    let entry = entriesByForm.get(form) as MutableEntry | undefined;
    if (!entry) {
      entry = { id: entriesByForm.size, termsBySecond: null, singleTerms: null, exclusions: null, windowTerms: null, pairs: null };
      entriesByForm.set(form, entry);
    }
    return entry;
  };
  for (const [form, list] of exclusionsByFirstForm) entryOf(form).exclusions = list;
  for (const [form, list] of windowTermsByForm) entryOf(form).windowTerms = list;
  for (const [form, list] of pairsByForm) entryOf(form).pairs = list;
  for (const { pair, sides } of pairWords) {
    sides.forEach((words, index) => {
      for (const word of words) (pair.sides[index] as Map<number, string>).set(entryOf(word).id, word);
    });
  }
  // Every seed and exclusion word form has an entry, so a token with none matches no term word.
  for (const form of seedForms) entryOf(form);
  for (const form of termWordForms) entryOf(form);
  // Every word and form of every term now has an entry: give the terms their integer ids.
  for (const lists of [termsByFirstForm.values(), exclusionsByFirstForm.values()]) {
    for (const list of lists) {
      for (const term of list) {
        const mutable = term as { wordIds: readonly number[]; formIds: readonly (readonly number[])[] };
        mutable.wordIds = term.words.map((word) => entryOf(word).id);
        mutable.formIds = term.forms.map((forms) => [...forms].map((form) => entryOf(form).id));
      }
    }
  }

  // Second-word index: a token then tries only the terms the next token can continue.
  for (const [form, list] of termsByFirstForm) {
    const entry = entryOf(form);
    for (const term of list) {
      if (term.words.length === 1) {
        (entry.singleTerms ??= []).push(term);
        continue;
      }
      entry.termsBySecond ??= new Map();
      for (const id of new Set(term.formIds[1]!)) push(entry.termsBySecond, id, term);
    }
  }

  return {
    themes,
    themeIndexOf,
    ancestors,
    hasDescendants: themes.map((_, index) => ancestors.some((chain) => chain.includes(index))),
    roots: ancestors.map((chain, index) => chain.at(-1) ?? index),
    termsByFirstForm,
    exclusionsByFirstForm,
    windowTermsByForm,
    seedForms,
    singleWordSeeds,
    entriesByForm,
    embeddingBlockedNormals: new Set([...STOPWORDS, ...GENERIC_WORDS, ...seedForms]),
    embeddingBlockedLemmas: new Set([...GENERIC_WORDS, ...seedForms]),
  };
}

function compileTerm(theme: number, text: string, context: boolean): CompiledTerm {
  const words = splitTerm(text);
  // The ids are filled in once every form has its entry (compileTaxonomy).
  return { theme, text, words, forms: words.map(formsOf), wordIds: [], formIds: [], context };
}

/**
 * Plurals whose singular is another word: "goods" is merchandise, "good" is praise (and the lemma
 * of "better" and "best"), so "goods" must not match them.
 */
const NO_SINGULAR = new Set(['goods', 'glasses', 'savings', 'customs', 'premises', 'spirits', 'manners', 'quarters', 'arms', 'terms', 'looks', 'damages', 'means', 'news', 'thanks']);

/** The word and its singular ("deliveries" -> "delivery"); the lemma a text stage would give a plural. */
function formsOf(word: string): ReadonlySet<string> {
  const forms = new Set([word]);
  if (/^[a-z]+$/.test(word) && !NO_SINGULAR.has(word)) forms.add(lemmatizer.noun(word));
  return forms;
}

function addByFirstForm(index: Map<string, CompiledTerm[]>, term: CompiledTerm): void {
  for (const form of term.forms[0]!) push(index, form, term);
}

function push<K, T>(index: Map<K, T[]>, key: K, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

function byLengthDescending(a: CompiledTerm, b: CompiledTerm): number {
  return b.words.length - a.words.length;
}
