/**
 * Result lines written straight into JSON bytes (json-bytes.ts), byte for byte what
 * JSON.stringify(line) gives: the engine builds every result in the contract's key order
 * (src/assemble.ts), so the keys here follow that order, and whatever has no fixed shape (metadata,
 * error lines) goes through JSON.stringify. test/io/result-json.test.ts holds the two equal over
 * engine output with every option.
 */
import type { AnalysisResult, Emotion, ResultLine, Sentiment, Span, StageResult, TargetResult, ThemeResult } from '../contract.js';
import type { JsonBytes } from './json-bytes.js';

/** Bytes to reserve per result line when sizing a buffer: a result is ~1 KB on the bench corpus (the buffer grows as needed). */
export const RESULT_LINE_BYTES = 1280;

/** Appends `line` as JSON.stringify(line) would write it (no newline). */
export function writeResultLine(out: JsonBytes, line: ResultLine): void {
  if ('error' in line) out.utf8(JSON.stringify(line));
  else writeAnalysis(out, line);
}

/** Appends the lines as a JSON array, JSON.stringify(lines) (an API answer's list). */
export function writeResultArray(out: JsonBytes, lines: readonly ResultLine[]): void {
  writeList(out, lines, writeResultLine);
}

/** Appends each line as JSONL: JSON.stringify(line) + '\n'. */
export function writeResultLines(out: JsonBytes, lines: readonly ResultLine[]): void {
  for (const line of lines) {
    writeResultLine(out, line);
    out.ascii('\n');
  }
}

function writeAnalysis(out: JsonBytes, result: AnalysisResult): void {
  out.ascii('{"id":');
  if (typeof result.id === 'string') out.string(result.id);
  else out.number(result.id);
  out.ascii(',"language":');
  out.string(result.language);
  out.ascii(',"sentiment":');
  writeSentiment(out, result.sentiment);
  out.ascii(',"sentences":');
  writeList(out, result.sentences, writeSentence);
  out.ascii(',"themes":');
  writeList(out, result.themes, writeTheme);
  out.ascii(',"stages":');
  writeList(out, result.stages, writeStage);
  out.ascii(',"targets":');
  writeList(out, result.targets, writeTarget);

  const { signals } = result;
  out.ascii(',"signals":{"churnRisk":');
  out.number(signals.churnRisk);
  out.ascii(',"effort":');
  out.number(signals.effort);
  out.ascii(',"urgency":');
  out.number(signals.urgency);
  out.ascii(signals.actionable ? ',"actionable":true}' : ',"actionable":false}');

  // Optional keys: JSON.stringify leaves out the absent ones.
  if (result.emotions !== undefined) {
    out.ascii(',"emotions":');
    writeList(out, result.emotions, writeEmotion);
  }
  if (result.redactedText !== undefined) {
    out.ascii(',"redactedText":');
    out.string(result.redactedText);
  }
  out.ascii(',"metadata":');
  out.utf8(JSON.stringify(result.metadata));
  out.ascii('}');
}

/** `[item,item,...]`, each item written by `write`. */
function writeList<T>(out: JsonBytes, items: readonly T[], write: (out: JsonBytes, item: T) => void): void {
  out.ascii('[');
  for (let index = 0; index < items.length; index++) {
    if (index > 0) out.ascii(',');
    write(out, items[index]!);
  }
  out.ascii(']');
}

function writeSentence(out: JsonBytes, sentence: AnalysisResult['sentences'][number]): void {
  writeSpanStart(out, sentence);
  out.ascii(',"sentiment":');
  writeSentiment(out, sentence.sentiment);
  out.ascii('}');
}

function writeTheme(out: JsonBytes, theme: ThemeResult): void {
  out.ascii('{"id":');
  out.string(theme.id);
  out.ascii(',"label":');
  out.string(theme.label);
  out.ascii(',"stage":');
  out.string(theme.stage);
  out.ascii(',"sentiment":');
  writeSentiment(out, theme.sentiment);
  out.ascii(',"evidence":');
  writeList(out, theme.evidence, writeSpan);
  out.ascii('}');
}

function writeStage(out: JsonBytes, stage: StageResult): void {
  out.ascii('{"id":');
  out.string(stage.id);
  out.ascii(',"sentiment":');
  writeSentiment(out, stage.sentiment);
  out.ascii('}');
}

function writeTarget(out: JsonBytes, target: TargetResult): void {
  out.ascii('{"text":');
  out.string(target.text);
  out.ascii(target.found ? ',"found":true' : ',"found":false');
  // Optional keys: JSON.stringify leaves out the absent ones.
  if (target.start !== undefined) {
    out.ascii(',"start":');
    out.number(target.start);
  }
  if (target.end !== undefined) {
    out.ascii(',"end":');
    out.number(target.end);
  }
  if (target.sentiment !== undefined) {
    out.ascii(',"sentiment":');
    writeSentiment(out, target.sentiment);
  }
  out.ascii('}');
}

function writeEmotion(out: JsonBytes, emotion: Emotion): void {
  out.ascii('{"label":');
  out.string(emotion.label);
  out.ascii(',"score":');
  out.number(emotion.score);
  out.ascii('}');
}

function writeSpan(out: JsonBytes, span: Span): void {
  writeSpanStart(out, span);
  out.ascii('}');
}

/** `{"start":S,"end":E` (the caller closes the object). */
function writeSpanStart(out: JsonBytes, span: Span): void {
  out.ascii('{"start":');
  out.number(span.start);
  out.ascii(',"end":');
  out.number(span.end);
}

function writeSentiment(out: JsonBytes, sentiment: Sentiment): void {
  out.ascii('{"label":');
  out.string(sentiment.label);
  out.ascii(',"score":');
  out.number(sentiment.score);
  out.ascii(',"confidence":');
  out.number(sentiment.confidence);
  out.ascii('}');
}
