/**
 * Builds the analysis pipeline from one validated config and runs it over batches of comments.
 * Every component is loaded and validated here, at start-up, so a broken taxonomy, lexicon or
 * missing model fails with a coded error before the first comment instead of on it.
 *
 *   text ─► sentiment (clauses) ─► themes ─► journey ─► targets ─► signals
 */
import type { AnalysisResult, CommentInput, ResultLine } from './contract.js';
import { resolveConfig, type Config, type ConfigInput } from './config.js';
import { VerbatimError, describeValue } from './errors.js';
import { createTextProcessor, redactPii, type TextProcessor } from './text/index.js';
import { createRuleScorer } from './sentiment/index.js';
import type { ClauseScorer } from './sentiment/types.js';
import { defaultTaxonomy, loadTaxonomy, type Taxonomy } from './themes/taxonomy.js';
import { createThemeMatcher, type ThemeMatcher } from './themes/matcher.js';
import { defaultWordVectors } from './themes/embeddings.js';
import { createSignalDetector, type SignalDetector } from './signals/index.js';
import { buildScorer, type EmotionTagger } from './engine-models.js';
import { BatchLimit } from './io/batch-limit.js';
import { assembleResult, scoresSpans, targetMentions, type AssembleInput } from './assemble.js';
import type { Span } from './contract.js';
import type { ClauseScore } from './sentiment/types.js';
import type { TextDocument } from './text/document.js';
import { detectLanguages, loadLanguageComponents, scoreByLanguage, signalDetectorFor, themeDocument, type LanguageComponents } from './engine-language.js';
import { ENGLISH } from './language/detect.js';

/** A comment handed to the engine (the CLI's InputRecord fits this shape). */
export interface EngineInput {
  id?: CommentInput['id'];
  text: string;
  targets?: string[];
  metadata?: Record<string, unknown>;
}

export interface Engine {
  readonly config: Config;
  readonly taxonomy: Taxonomy;
  /** Names of the components in pipeline order, for logs and /readyz. */
  readonly components: readonly string[];
  /** Analyzes one comment; throws VerbatimError for invalid input. */
  analyze(input: EngineInput | string): Promise<AnalysisResult>;
  /** Analyzes a batch in order; an invalid record yields an error line, the rest go on. */
  analyzeBatch(inputs: readonly EngineInput[]): Promise<ResultLine[]>;
  /** Releases model sessions. */
  close(): Promise<void>;
}

/** The loaded components an analysis needs; built once per engine. */
export interface Components {
  config: Config;
  taxonomy: Taxonomy;
  /** Taxonomy themes by id, for labels and stages of matched themes. */
  themeById: ReadonlyMap<string, Taxonomy['themes'][number]>;
  text: TextProcessor;
  scorer: ClauseScorer;
  themes: ThemeMatcher;
  signals: SignalDetector;
  emotions: EmotionTagger | null;
  /** Language detection and the foreign lexicon reading; null when config.language.detect is off. */
  language: LanguageComponents | null;
}

/**
 * Creates an engine. Loads the taxonomy, lexicon, word vectors and (for the model scorers) the
 * ONNX models once.
 *
 * @example
 * const engine = await createEngine({ redact: true });
 * const result = await engine.analyze('The courier was two days late');
 * result.themes[0].id // 'delivery-speed'
 */
export async function createEngine(input: Config | ConfigInput = {}): Promise<Engine> {
  const config = resolveConfig(input as ConfigInput);
  const components = await loadComponents(config);
  const names = ['text', components.scorer.name, 'themes', 'journey', 'targets', 'signals'];
  if (components.emotions) names.push('emotions');

  // A batch with more text than config.maxBatchChars runs as consecutive slices, so its memory
  // stays bounded whoever sends it (an API request, a queue batch); ids stay those of the whole batch.
  const analyzeBatch = async (inputs: readonly EngineInput[]): Promise<ResultLine[]> => {
    const limit = new BatchLimit(Number.POSITIVE_INFINITY, config.maxBatchChars);
    const lines: ResultLine[] = [];
    let start = 0;
    for (let index = 0; index < inputs.length; index += 1) {
      // Not validated yet: a malformed item (even null) is counted as no text and fails in its slice.
      const text = (inputs[index] as { text?: unknown } | null | undefined)?.text;
      const full = limit.add(typeof text === 'string' ? text.length : 0);
      if (!full && index + 1 < inputs.length) continue;
      const slice = await analyzeSlice(inputs, start, index + 1);
      // The usual case, one slice: its array is the answer.
      if (start === 0 && index + 1 === inputs.length) return slice;
      for (const line of slice) lines.push(line);
      start = index + 1;
    }
    return lines;
  };

  /**
   * Analyzes inputs[start, end) as one batch; results are in that order. The hot path: plain loops
   * and no promise per comment; the model calls (clauses, emotions, target mentions) each run once.
   */
  const analyzeSlice = async (inputs: readonly EngineInput[], start: number, end: number): Promise<ResultLine[]> => {
    const lines = new Array<ResultLine | null>(end - start).fill(null);
    const indexes: number[] = [];
    const docs: TextDocument[] = [];
    for (let index = start; index < end; index += 1) {
      const item = inputs[index]!;
      try {
        validateInput(item, config);
        const doc = components.text.process(item.text);
        indexes.push(index);
        docs.push(doc);
      } catch (error) {
        lines[index - start] = errorLine(batchIdOf(item, index), error);
      }
    }
    const languages = detectLanguages(components, docs);
    const { clauseScores, emotions } = await scoreByLanguage(components, docs, languages);
    const mentions = docs.map((doc, position) => targetMentions(doc, inputs[indexes[position]!]!.targets ?? NO_TARGETS));
    // The aspect model reads English: a foreign comment's targets take its clauses' sentiment.
    const englishMentions = mentions.map((spans, position) => (languages[position] === ENGLISH ? spans : NO_SPANS));
    const spanScores = await batchSpanScores(components, docs, englishMentions);
    for (let position = 0; position < docs.length; position += 1) {
      const index = indexes[position]!;
      const item = inputs[index]!;
      try {
        const input: AssembleInput = {
          id: batchIdOf(item, index),
          doc: docs[position]!,
          clauseScores: clauseScores[position]!,
          targets: item.targets ?? NO_TARGETS,
          metadata: item.metadata ?? {},
          emotions: emotions?.[position] ?? null,
          language: languages[position]!,
        };
        if (languages[position] !== ENGLISH) {
          input.themeDoc = themeDocument(components, docs[position]!, languages[position]!);
          input.signals = signalDetectorFor(components, languages[position]!);
        }
        if (config.redact) input.redactedText = redactPii(item.text).text;
        lines[index - start] = assembleResult(components, input, mentions[position]!, spanScores?.[position] ?? null);
      } catch (error) {
        lines[index - start] = errorLine(batchIdOf(item, index), error);
      }
    }
    return lines as ResultLine[];
  };

  return {
    config,
    taxonomy: components.taxonomy,
    components: names,
    analyzeBatch,
    async analyze(item) {
      const input: EngineInput = typeof item === 'string' ? { id: 1, text: item } : item;
      validateInput(input, config);
      const [line] = await analyzeBatch([input]);
      if (line && 'error' in line) throw VerbatimError.fromJSON(line.error);
      return line as AnalysisResult;
    },
    async close() {
      await components.emotions?.close();
    },
  };
}

/** The targets of a record without any: one shared list, never written to. */
const NO_TARGETS: string[] = [];
/** No mentions to span-score: one shared list, never written to. */
const NO_SPANS: Span[][] = [];

/** The id a batch gives a record: its own, else its 1-based position in the batch. */
export function batchIdOf(input: EngineInput, index: number): NonNullable<EngineInput['id']> | number {
  return input.id ?? index + 1;
}

/**
 * `inputs` with every id set as analyzeBatch would set it, so a batch can be split, or joined with
 * other batches, without changing the id of any result line.
 */
export function withBatchIds(inputs: readonly EngineInput[]): EngineInput[] {
  return inputs.map((input, index) => (input.id === undefined || input.id === null ? { ...input, id: batchIdOf(input, index) } : input));
}

/**
 * Span scores for every target mention of a batch, asked of the scorer in ONE call and handed back
 * per document (null when the scorer does not score spans or nothing was mentioned): a model call
 * per comment cost ~0.5 ms each in onnxruntime overhead (MAMS val: 650 µs per targeted comment).
 */
async function batchSpanScores(components: Components, docs: readonly TextDocument[], mentions: readonly Span[][][]): Promise<(ClauseScore[] | null)[] | null> {
  if (!scoresSpans(components)) return null;
  const requests: { doc: TextDocument; span: Span }[] = [];
  docs.forEach((doc, position) => {
    for (const spans of mentions[position]!) for (const span of spans) requests.push({ doc, span });
  });
  if (requests.length === 0) return null;
  const scores = await components.scorer.scoreSpans!(requests);
  let next = 0;
  return mentions.map((perTarget) => {
    const count = perTarget.reduce((total, spans) => total + spans.length, 0);
    const mine = count === 0 ? null : scores.slice(next, next + count);
    next += count;
    return mine;
  });
}

async function loadComponents(config: Config): Promise<Components> {
  const taxonomy = config.taxonomyPath ? loadTaxonomy(config.taxonomyPath) : defaultTaxonomy();
  const embeddings = config.themes.useEmbeddings ? defaultWordVectors() : null;
  const { scorer, emotions } = await buildScorer(config, createRuleScorer());
  return {
    config,
    taxonomy,
    themeById: new Map(taxonomy.themes.map((theme) => [theme.id, theme])),
    text: createTextProcessor(),
    scorer,
    themes: createThemeMatcher(taxonomy, {
      embeddings,
      embeddingThreshold: config.themes.embeddingThreshold,
      maxThemesPerComment: config.themes.maxThemesPerComment,
    }),
    signals: createSignalDetector(),
    emotions,
    language: config.language.detect ? loadLanguageComponents() : null,
  };
}

function validateInput(input: EngineInput, config: Config): void {
  if (typeof input.text !== 'string') {
    throw new VerbatimError('VERBATIM_E_TEXT_NOT_STRING', { field: 'text', found: describeValue(input.text) });
  }
  if (input.text.length > config.maxTextLength) {
    throw new VerbatimError('VERBATIM_E_TEXT_TOO_LONG', { length: input.text.length, limit: config.maxTextLength });
  }
}

function errorLine(id: EngineInput['id'] | number, error: unknown): ResultLine {
  if (error instanceof VerbatimError) return { id: id ?? null, error: error.toJSON() };
  // Internal failures keep their detail in the log, never in the output.
  process.emitWarning(`verbatim: record ${String(id)} failed: ${(error as Error)?.stack ?? String(error)}`);
  const internal = new VerbatimError('VERBATIM_E_INTERNAL');
  return { id: id ?? null, error: internal.toJSON() };
}
