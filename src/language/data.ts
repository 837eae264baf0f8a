/**
 * The language data file (models/language/languages.json, built by scripts/build-language-data.ts):
 * its zod schema, loading, and the compiled tables the detector and the lexicon scorer read.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { modelPath } from '../config.js';
import { VerbatimError, unreadableModelFile } from '../errors.js';

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

/** The compiled tables: what a word says about the language of a comment, and each language's lexicon. */
export interface LanguageData {
  readonly version: string;
  /** The languages other than English, in the file's order; bit i of a marker mask is languages[i]. */
  readonly languages: readonly CompiledLanguage[];
  readonly english: ReadonlySet<string>;
  readonly informal: ReadonlySet<string>;
  readonly known: ReadonlySet<string>;
  /** Word -> bit mask of the languages it marks. */
  readonly markers: ReadonlyMap<string, number>;
  /** Non-ASCII letter -> bit mask of the languages whose marker words use it. */
  readonly letters: ReadonlyMap<string, number>;
}

/** Compiles a validated file. */
export function compileLanguageData(file: LanguageDataFile): LanguageData {
  const languages: CompiledLanguage[] = [];
  const markers = new Map<string, number>();
  const letters = new Map<string, number>();
  Object.entries(file.languages).forEach(([code, language], index) => {
    const bit = 1 << index;
    for (const word of language.markers) {
      markers.set(word, (markers.get(word) ?? 0) | bit);
      for (const letter of word) if (letter > 'z') letters.set(letter, (letters.get(letter) ?? 0) | bit);
    }
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
    languages.push({ code, name: language.name, words, phrases, longestPhrase, negators: new Set(language.negators), intensifiers: new Set(language.intensifiers) });
  });
  return { version: file.version, languages, english: new Set(file.english), informal: new Set(file.informal), known: new Set(file.known), markers, letters };
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
  shipped = compileLanguageData(validateLanguageData(parsed, file));
  return shipped;
}
