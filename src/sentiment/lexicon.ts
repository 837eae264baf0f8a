/**
 * The valence lexicon as data: the schema of models/lexicon/valence-lexicon.json, its validation
 * (duplicates and out-of-range values are errors, not silent last-wins as in VADER) and a cached
 * loader that turns it into hash maps once per process.
 *
 * @example
 *   const lexicon = loadLexicon();
 *   lexicon.words.get('late'); // -1.6
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { modelPath } from '../config.js';
import { VerbatimError } from '../errors.js';
import { buildPhraseIndex, type PhraseIndex } from './phrases.js';
import { isNegator } from './negation.js';

/** Format of the generated file; bump when its shape changes. */
export const LEXICON_FORMAT_VERSION = 1;

/** VADER rates valence from -4 (extremely negative) to +4 (extremely positive). */
export const MAX_VALENCE = 4;

const EntrySchema = z.tuple([z.string().min(1), z.number().min(-MAX_VALENCE).max(MAX_VALENCE)]);
/**
 * Entry lists are checked by zod only for being arrays; their ~8,000 [term, valence] pairs are
 * checked by the loop in validateLexicon against EntrySchema's rules, which is ~20x faster at load.
 */
const EntryListSchema = z.array(z.unknown()) as unknown as z.ZodType<z.infer<typeof EntrySchema>[]>;

export const LexiconFileSchema = z.object({
  format: z.literal(LEXICON_FORMAT_VERSION),
  version: z.string().min(1),
  description: z.string(),
  sources: z.array(z.object({ name: z.string(), license: z.string() })),
  resolvedDuplicates: z.array(
    z.object({ term: z.string(), values: z.array(z.number()), result: z.number().nullable() }),
  ),
  overriddenByCx: z.array(z.string()),
  words: EntryListSchema,
  phrases: EntryListSchema,
  emoji: EntryListSchema,
});
export type LexiconFile = z.infer<typeof LexiconFileSchema>;

/** The loaded lexicon: hash maps for single tokens, a trie for multi-word phrases. */
export interface Lexicon {
  version: string;
  words: Map<string, number>;
  emoji: Map<string, number>;
  phrases: PhraseIndex;
  /**
   * Positive phrases built on a negator or a negative word ("no complaints", "hard to fault",
   * "issue resolved"): idioms whose reading the rules know and a bag model, which sees the
   * negative word, does not. The combined scorer weighs the model less where one fires.
   */
  idiomPhrases: ReadonlySet<string>;
}

/**
 * Checks a parsed lexicon file; throws VERBATIM_E_INVALID_LEXICON naming the first problem
 * (schema path, duplicate term, or a word entry containing a space).
 */
export function validateLexicon(value: unknown, source: string): LexiconFile {
  const parsed = LexiconFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(root)';
    throw new VerbatimError('VERBATIM_E_INVALID_LEXICON', { source, detail: `${where}: ${issue.message}` });
  }
  const file = parsed.data;
  for (const list of ['words', 'phrases', 'emoji'] as const) {
    const seen = new Set<string>();
    file[list].forEach((entry, index) => {
      const [term, valence] = Array.isArray(entry) ? entry : [];
      if (!Array.isArray(entry) || entry.length !== 2 || typeof term !== 'string' || term.length === 0) {
        const problem = EntrySchema.safeParse(entry).error?.issues[0];
        const at = problem?.path.length ? `.${problem.path.join('.')}` : '';
        throw new VerbatimError('VERBATIM_E_INVALID_LEXICON', {
          source,
          detail: `${list}.${index}${at}: expected a [term, valence] pair with a non-empty term`,
        });
      }
      if (typeof valence !== 'number' || !(valence >= -MAX_VALENCE && valence <= MAX_VALENCE)) {
        throw new VerbatimError('VERBATIM_E_INVALID_LEXICON', {
          source,
          detail: `${list}.${index}.1: valence of "${term}" must be a number in [-${MAX_VALENCE}, ${MAX_VALENCE}], found ${String(valence)}`,
        });
      }
    });
    for (const [term] of file[list]) {
      if (seen.has(term)) {
        throw new VerbatimError('VERBATIM_E_INVALID_LEXICON', {
          source,
          detail: `duplicate term "${term}" in ${list} (each term must appear once)`,
        });
      }
      seen.add(term);
    }
  }
  for (const [term] of file.words) {
    if (term.includes(' ')) {
      throw new VerbatimError('VERBATIM_E_INVALID_LEXICON', {
        source,
        detail: `word "${term}" contains a space; multi-word terms belong in phrases`,
      });
    }
  }
  return file;
}

/** Builds the runtime lexicon (maps and phrase trie) from a validated file. */
export function compileLexicon(file: LexiconFile): Lexicon {
  const words = new Map(file.words);
  return {
    version: file.version,
    words,
    emoji: new Map(file.emoji),
    phrases: buildPhraseIndex(file.phrases),
    idiomPhrases: idiomPhrasesOf(file.phrases, words),
  };
}

/** The positive phrases with a negator ("zero" counts) or a word of negative valence among their words. */
function idiomPhrasesOf(phrases: LexiconFile['phrases'], words: ReadonlyMap<string, number>): Set<string> {
  const idioms = new Set<string>();
  for (const [phrase, valence] of phrases) {
    if (valence <= 0) continue;
    if (phrase.split(' ').some((word) => isNegator(word) || word === 'zero' || (words.get(word) ?? 0) < 0)) idioms.add(phrase);
  }
  return idioms;
}

/** The default lexicon shipped with Verbatim. */
export const DEFAULT_LEXICON_PATH = modelPath('lexicon', 'valence-lexicon.json');

const cache = new Map<string, Lexicon>();

/**
 * Loads, validates and compiles a lexicon file once per process (one JSON parse, then maps).
 * Throws VERBATIM_E_FILE_NOT_FOUND or VERBATIM_E_INVALID_LEXICON.
 */
export function loadLexicon(filePath: string = DEFAULT_LEXICON_PATH): Lexicon {
  const cached = cache.get(filePath);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path: filePath }, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new VerbatimError(
      'VERBATIM_E_INVALID_LEXICON',
      { source: filePath, detail: `not valid JSON (${(error as Error).message})` },
      { cause: error },
    );
  }
  const lexicon = compileLexicon(validateLexicon(json, filePath));
  cache.set(filePath, lexicon);
  return lexicon;
}
