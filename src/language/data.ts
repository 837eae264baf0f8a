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
export const LANGUAGE_DATA_VERSION = '2.3.2';

/** AFINN's scale: valences are integers in [-5, 5] (averaged duplicates may fall between). */
const MAX_VALENCE = 5;

const LanguageSchema = z.object({
  name: z.string().min(1),
  /** "term<TAB>valence<NEWLINE>" lines, AFINN's scale; a term may be a phrase of several words. */
  valence: z.string(),
  negators: z.array(z.string().min(1)),
  intensifiers: z.array(z.string().min(1)),
  /** Word -> the English word the taxonomy's seeds use for it (glossary.ts): themes for foreign comments. */
  glossary: z.record(z.string().min(1), z.string().min(1)),
  /** The language inflects by suffixes (Finnish, Hungarian, Turkish, Polish, Czech): words are also looked up by their stems. */
  suffixing: z.boolean(),
});

const LanguageDataSchema = z.object({
  version: z.string(),
  sources: z.array(z.string()),
  /**
   * "word<TAB>info<NEWLINE>" lines (WordTable): info holds WORD_* flags (common English, informal
   * English, another word English uses) and, from bit MARKER_SHIFT, the mask of the languages the
   * word marks (their stopwords, lexicon and grammar words). One string, not ~90,000.
   */
  words: z.string(),
  /** Non-ASCII letter -> mask of the languages whose marker words use it. */
  letters: z.record(z.string().length(1), z.number().int().positive()),
  /** ISO 639-1 code -> language, in marker-bit order. */
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
  /** Word -> English gloss, for theme matching (glossary.ts). */
  readonly glossary: ReadonlyMap<string, string>;
  /** Look words up by their stems too (inflections.ts lookupInflected). */
  readonly suffixing: boolean;
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

/** Compiles one language's lexicon; VERBATIM_E_MODEL names a malformed valence line. */
function compileLexicon(code: string, language: LanguageDataFile['languages'][string], source: string): CompiledLanguage {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  let longestPhrase = 1;
  language.valence.split('\n').forEach((line, index) => {
    if (line === '') return;
    const [term, text] = line.split('\t');
    const valence = Number(text);
    if (!term || !(Math.abs(valence) <= MAX_VALENCE)) {
      throw new VerbatimError('VERBATIM_E_MODEL', { name: 'language data', detail: `${source} at languages.${code}.valence line ${index + 1}: expected "term<TAB>valence in [-5, 5]", found ${JSON.stringify(line.slice(0, 60))}` });
    }
    const parts = term.split(' ');
    if (parts.length === 1) words.set(term, valence);
    else {
      phrases.set(term, valence);
      longestPhrase = Math.max(longestPhrase, parts.length);
    }
  });
  return {
    code,
    name: language.name,
    words,
    phrases,
    longestPhrase,
    negators: new Set(language.negators),
    intensifiers: new Set(language.intensifiers),
    glossary: new Map(Object.entries(language.glossary)),
    suffixing: language.suffixing,
  };
}

/**
 * Compiles a validated file: the word table is read where it lies in the file's one string, and a
 * language's lexicon is compiled the first time it is asked for. VERBATIM_E_MODEL names a malformed
 * word line.
 */
export function compileLanguageData(file: LanguageDataFile, source = 'models/language/languages.json'): LanguageData {
  let table: WordTable;
  try {
    table = new WordTable(file.words);
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name: 'language data', detail: `${source} at words: ${(error as Error).message}` });
  }
  const languages: LanguageName[] = Object.entries(file.languages).map(([code, language]) => ({ code, name: language.name }));
  const letters = new Map(Object.entries(file.letters));
  const lexicons = new Map<string, CompiledLanguage | null>();
  return {
    version: file.version,
    languages,
    wordInfo: (word) => table.get(word),
    letters,
    lexicon(code) {
      if (!lexicons.has(code)) {
        const language = Object.hasOwn(file.languages, code) ? file.languages[code] : undefined;
        lexicons.set(code, language === undefined ? null : compileLexicon(code, language, source));
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
  shipped = compileLanguageData(validateLanguageData(parsed, file), file);
  return shipped;
}
