/**
 * The language data file (models/language/languages.json, built by scripts/build-language-data.ts):
 * its zod schema, loading, and the compiled tables the detector and the lexicon scorer read.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { modelPath } from '../config.js';
import { VerbatimError, unreadableModelFile } from '../errors.js';
import { WordTable } from './word-table.js';

/** Bump when the build's inputs or rules change. */
export const LANGUAGE_DATA_VERSION = '1.1.0';

/** AFINN's scale: valences are integers in [-5, 5] (averaged duplicates may fall between). */
const MAX_VALENCE = 5;

const LanguageSchema = z.object({
  name: z.string().min(1),
  /** Words that mark the language (stopwords, lexicon words, grammar words): lower case, letters only. */
  markers: z.array(z.string().min(2)),
  /** [term, valence] on AFINN's scale; a term may be a phrase of several words. */
  valence: z.array(z.tuple([z.string().min(1), z.number().min(-MAX_VALENCE).max(MAX_VALENCE)])),
  negators: z.array(z.string().min(1)),
  intensifiers: z.array(z.string().min(1)),
});

const LanguageDataSchema = z.object({
  version: z.string(),
  sources: z.array(z.string()),
  /** Common English words: a word here never counts as another language's evidence on its own. */
  english: z.array(z.string()),
  /** Informal English seen in social text ("lol", "haha"): weak evidence only, never strong. */
  informal: z.array(z.string()),
  /** Other words English text uses (rarer or borrowed): never evidence of an unreadable language. */
  known: z.array(z.string()),
  /** ISO 639-1 code -> language. */
  languages: z.record(z.string().regex(/^[a-z]{2}$/), LanguageSchema),
});
export type LanguageDataFile = z.infer<typeof LanguageDataSchema>;

/** Checks a parsed language data file; VERBATIM_E_MODEL names the first problem. */
export function validateLanguageData(value: unknown, source = 'models/language/languages.json'): LanguageDataFile {
  const parsed = LanguageDataSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(root)';
    throw new VerbatimError('VERBATIM_E_MODEL', { name: 'language data', detail: `${source} at ${where}: ${issue.message}` });
  }
  return parsed.data;
}

/** One supported language, compiled for lookups. */
export interface CompiledLanguage {
  readonly code: string;
  readonly name: string;
  /** Single-word valences. */
  readonly words: ReadonlyMap<string, number>;
  /** Phrase valences by their words joined with one space; `longestPhrase` words at most. */
  readonly phrases: ReadonlyMap<string, number>;
  readonly longestPhrase: number;
  readonly negators: ReadonlySet<string>;
  readonly intensifiers: ReadonlySet<string>;
}

/** wordInfo() flags: a common English word, informal English, another word English text uses. */
export const WORD_ENGLISH = 1;
export const WORD_INFORMAL = 2;
export const WORD_KNOWN = 4;
/** wordInfo() holds the mask of the languages a word marks from this bit up. */
export const MARKER_SHIFT = 8;

/** A language's code and name. */
export interface LanguageName {
  readonly code: string;
  readonly name: string;
}

/**
 * The compiled tables: what each word says about a comment's language, and each language's lexicon,
 * compiled the first time a comment in that language needs it (an English-only deployment never
 * holds one).
 */
export interface LanguageData {
  readonly version: string;
  /** The languages other than English, in the file's order; bit i of a marker mask is languages[i]. */
  readonly languages: readonly LanguageName[];
  /** WORD_* flags of `word` and, shifted by MARKER_SHIFT, the mask of the languages it marks; 0 for a word no table holds. */
  wordInfo(word: string): number;
  /** Non-ASCII letter -> bit mask of the languages whose marker words use it. */
  readonly letters: ReadonlyMap<string, number>;
  /** The lexicon of language `code`, or null when there is none. */
  lexicon(code: string): CompiledLanguage | null;
}

/** Compiles one language's lexicon. */
function compileLexicon(code: string, language: LanguageDataFile['languages'][string]): CompiledLanguage {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  let longestPhrase = 1;
  for (const [term, valence] of language.valence) {
    const parts = term.split(' ');
    if (parts.length === 1) words.set(term, valence);
    else {
      phrases.set(term, valence);
      longestPhrase = Math.max(longestPhrase, parts.length);
    }
  }
  return { code, name: language.name, words, phrases, longestPhrase, negators: new Set(language.negators), intensifiers: new Set(language.intensifiers) };
}

/**
 * Compiles a validated file into word tables (WordTable: no string per word kept). `reload` gives
 * the file again when a language's lexicon is first needed, so the parsed file need not stay in
 * memory (the shipped data reads it from disk again); by default the file itself is kept.
 */
export function compileLanguageData(file: LanguageDataFile, reload: () => LanguageDataFile = () => file): LanguageData {
  const info = new Map<string, number>();
  const flag = (words: readonly string[], value: number) => {
    for (const word of words) info.set(word, (info.get(word) ?? 0) | value);
  };
  flag(file.english, WORD_ENGLISH);
  flag(file.informal, WORD_INFORMAL);
  flag(file.known, WORD_KNOWN);
  const letters = new Map<string, number>();
  const languages: LanguageName[] = [];
  Object.entries(file.languages).forEach(([code, language], index) => {
    const bit = 1 << index;
    languages.push({ code, name: language.name });
    flag(language.markers, bit << MARKER_SHIFT);
    for (const word of language.markers) for (const letter of word) if (letter > 'z') letters.set(letter, (letters.get(letter) ?? 0) | bit);
  });
  const table = new WordTable([...info]);
  const lexicons = new Map<string, CompiledLanguage | null>();
  return {
    version: file.version,
    languages,
    wordInfo: (word) => table.get(word),
    letters,
    lexicon(code) {
      if (!lexicons.has(code)) {
        const language = languages.some((entry) => entry.code === code) ? reload().languages[code] : undefined;
        lexicons.set(code, language === undefined ? null : compileLexicon(code, language));
      }
      return lexicons.get(code)!;
    },
  };
}

let shipped: LanguageData | null = null;

/** The shipped language data, loaded and compiled once per process. */
export function defaultLanguageData(): LanguageData {
  if (shipped) return shipped;
  const file = modelPath('language', 'languages.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw unreadableModelFile('language data', file, error);
  }
  shipped = compileLanguageData(validateLanguageData(parsed, file), () => validateLanguageData(JSON.parse(readFileSync(file, 'utf8')), file));
  return shipped;
}
