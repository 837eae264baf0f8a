/**
 * Result lines written straight into JSON bytes (json-bytes.ts), byte for byte what
 * JSON.stringify(line) gives: the engine builds every result in the contract's key order
 * (src/assemble.ts), so the keys here follow that order, and whatever has no fixed shape (metadata,
 * error lines) goes through JSON.stringify. test/io/result-json.test.ts holds the two equal over
 * engine output with every option.
 */
import type { AnalysisResult, ResultLine, Sentiment, Span } from '../contract.js';
import type { JsonBytes } from './json-bytes.js';

/** Appends `line` as JSON.stringify(line) would write it (no newline). */
export function writeResultLine(out: JsonBytes, line: ResultLine): void {
  if ('error' in line) out.utf8(JSON.stringify(line));
  else writeAnalysis(out, line);
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
  out.ascii(',"sentiment":');
  writeSentiment(out, result.sentiment);

  out.ascii(',"sentences":[');
  for (let index = 0; index < result.sentences.length; index++) {
    const sentence = result.sentences[index]!;
    if (index > 0) out.ascii(',');
    writeSpanStart(out, sentence);
    out.ascii(',"sentiment":');
    writeSentiment(out, sentence.sentiment);
    out.ascii('}');
  }

  out.ascii('],"themes":[');
  for (let index = 0; index < result.themes.length; index++) {
    const theme = result.themes[index]!;
    if (index > 0) out.ascii(',');
    out.ascii('{"id":');
    out.string(theme.id);
    out.ascii(',"label":');
    out.string(theme.label);
    out.ascii(',"stage":');
    out.string(theme.stage);
    out.ascii(',"sentiment":');
    writeSentiment(out, theme.sentiment);
    out.ascii(',"evidence":[');
    for (let span = 0; span < theme.evidence.length; span++) {
      if (span > 0) out.ascii(',');
      writeSpanStart(out, theme.evidence[span]!);
      out.ascii('}');
    }
    out.ascii(']}');
  }

  out.ascii('],"stages":[');
  for (let index = 0; index < result.stages.length; index++) {
    const stage = result.stages[index]!;
    if (index > 0) out.ascii(',');
    out.ascii('{"id":');
    out.string(stage.id);
    out.ascii(',"sentiment":');
    writeSentiment(out, stage.sentiment);
    out.ascii('}');
  }

  out.ascii('],"targets":[');
  for (let index = 0; index < result.targets.length; index++) {
    const target = result.targets[index]!;
    if (index > 0) out.ascii(',');
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

  const { signals } = result;
  out.ascii('],"signals":{"churnRisk":');
  out.number(signals.churnRisk);
  out.ascii(',"effort":');
  out.number(signals.effort);
  out.ascii(',"urgency":');
  out.number(signals.urgency);
  out.ascii(signals.actionable ? ',"actionable":true}' : ',"actionable":false}');

  if (result.emotions !== undefined) {
    out.ascii(',"emotions":[');
    for (let index = 0; index < result.emotions.length; index++) {
      const emotion = result.emotions[index]!;
      if (index > 0) out.ascii(',');
      out.ascii('{"label":');
      out.string(emotion.label);
      out.ascii(',"score":');
      out.number(emotion.score);
      out.ascii('}');
    }
    out.ascii(']');
  }
  if (result.redactedText !== undefined) {
    out.ascii(',"redactedText":');
    out.string(result.redactedText);
  }
  out.ascii(',"metadata":');
  out.utf8(JSON.stringify(result.metadata));
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
