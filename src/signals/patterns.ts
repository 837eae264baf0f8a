/**
 * The signal phrase lists: a data file (models/signals/patterns.json) validated with zod and
 * compiled once into phrase tries. Duplicated phrases inside one list are rejected rather than
 * silently letting one win.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { modelPath } from '../config.js';
import { LANGUAGE_CODE_PATTERN } from '../contract.js';
import { VerbatimError } from '../errors.js';
import { canonicalWord } from './word-stream.js';
import { compilePhrases, type PhraseTrie } from './phrase-matcher.js';

export const SCALES = ['count', 'ordinal', 'minutes', 'hours', 'days', 'weeks', 'months'] as const;
export type Scale = (typeof SCALES)[number];

const PhraseClassSchema = z.strictObject({
  weight: z.number().min(0).max(1),
  /** The strength comes from the captured number (e.g. "<num> minutes") instead of `weight`. */
  scale: z.enum(SCALES).optional(),
  /** Counts only when the clause also has an effort context word (call, wait, hold, ...). */
  needsContext: z.boolean().optional(),
  /** Match the normal form only, never the lemma ("fired" must not match "fire"). */
  exact: z.boolean().optional(),
  /** Strength scales with the clause's negativity (a neutral "today" is barely urgent). */
  sentimentModulated: z.boolean().optional(),
  /** Set false where a negator before the phrase does not cancel it ("not returned by Friday"). */
  negatable: z.boolean().optional(),
  phrases: z.array(z.string().min(1)).min(1),
});
export type PhraseClass = z.infer<typeof PhraseClassSchema>;

const PhraseGroupSchema = z.record(z.string(), PhraseClassSchema);

const SignalPatternsSchema = z.strictObject({
  version: z.number().int(),
  description: z.string(),
  negators: z.array(z.string()),
  hypotheticalMarkers: z.array(z.string()),
  churnRisk: PhraseGroupSchema,
  effort: PhraseGroupSchema,
  effortContext: z.array(z.string()),
  ease: PhraseGroupSchema,
  urgency: PhraseGroupSchema,
  requests: PhraseGroupSchema,
  problems: PhraseGroupSchema,
  questionTopics: z.array(z.string()),
  fragments: z.array(z.string()),
});
export type SignalPatternsInput = z.infer<typeof SignalPatternsSchema>;

/** The phrase lists compiled for matching: tries per group, word sets in canonical form. */
export interface CompiledSignalPatterns {
  negators: ReadonlySet<string>;
  hypotheticalMarkers: ReadonlySet<string>;
  effortContext: ReadonlySet<string>;
  questionTopics: ReadonlySet<string>;
  fragments: ReadonlySet<string>;
  churnRisk: PhraseTrie;
  effort: PhraseTrie;
  ease: PhraseTrie;
  urgency: PhraseTrie;
  requests: PhraseTrie;
  problems: PhraseTrie;
}

function wordSet(words: string[]): Set<string> {
  return new Set(words.map(canonicalWord));
}

/**
 * Validates and compiles phrase lists; throws VERBATIM_E_INVALID_LEXICON naming the source.
 * @example compileSignalPatterns(JSON.parse(text), 'my-patterns.json')
 */
export function compileSignalPatterns(input: unknown, source = 'signal patterns'): CompiledSignalPatterns {
  const parsed = SignalPatternsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new VerbatimError('VERBATIM_E_INVALID_LEXICON', {
      source,
      detail: `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    });
  }
  const data = parsed.data;
  const compile = (group: keyof SignalPatternsInput & string, classes: Record<string, PhraseClass>): PhraseTrie => {
    try {
      return compilePhrases(classes);
    } catch (error) {
      throw new VerbatimError('VERBATIM_E_INVALID_LEXICON', {
        source,
        detail: `${group}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  return {
    negators: wordSet(data.negators),
    hypotheticalMarkers: wordSet(data.hypotheticalMarkers),
    effortContext: wordSet(data.effortContext),
    questionTopics: wordSet(data.questionTopics),
    fragments: wordSet(data.fragments),
    churnRisk: compile('churnRisk', data.churnRisk),
    effort: compile('effort', data.effort),
    ease: compile('ease', data.ease),
    urgency: compile('urgency', data.urgency),
    requests: compile('requests', data.requests),
    problems: compile('problems', data.problems),
  };
}

let defaultPatterns: CompiledSignalPatterns | undefined;
const languagePatterns = new Map<string, CompiledSignalPatterns | null>();

/** Reads and compiles one phrase-list file; VERBATIM_E_FILE_NOT_FOUND or VERBATIM_E_INVALID_LEXICON names it. */
function readPatterns(file: string): CompiledSignalPatterns {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path: file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_INVALID_LEXICON', { source: file, detail: String(error) });
  }
  return compileSignalPatterns(json, file);
}

/**
 * The shipped phrase lists of another language (models/signals/languages/<code>.json), compiled on
 * first use; null for a code without a file ('und', or a language added to the detector before its
 * lists), whose comments get the English lists.
 */
export function languageSignalPatterns(code: string): CompiledSignalPatterns | null {
  if (!LANGUAGE_CODE_PATTERN.test(code)) return null;
  if (!languagePatterns.has(code)) {
    const file = modelPath('signals', 'languages', `${code}.json`);
    languagePatterns.set(code, existsSync(file) ? readPatterns(file) : null);
  }
  return languagePatterns.get(code)!;
}

/** The shipped phrase lists, read and compiled on first use and then shared. */
export function defaultSignalPatterns(): CompiledSignalPatterns {
  defaultPatterns ??= readPatterns(modelPath('signals', 'patterns.json'));
  return defaultPatterns;
}
