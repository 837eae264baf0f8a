/**
 * Routes each comment of a batch by language: English comments go to the configured scorer and the
 * emotion model as before, the others to their language's lexicon reading
 * (src/language/lexicon-scorer.ts), with no emotions (the emotion model reads English only), and
 * comments in a language Verbatim cannot read ('und') get a neutral reading of confidence 0; a
 * foreign comment's themes are matched on its glossed copy and its signals read with its own
 * phrase lists. A batch with no foreign comment, the usual case, runs exactly the English path.
 */
import type { Emotion } from './contract.js';
import type { Components } from './engine.js';
import { defaultLanguageData } from './language/data.js';
import { createLanguageDetector, ENGLISH, UNDETERMINED, type LanguageCode, type LanguageDetector } from './language/detect.js';
import { glossDocument } from './language/glossary.js';
import { scoreForeignDocument } from './language/lexicon-scorer.js';
import { loadLexicon, type Lexicon } from './sentiment/lexicon.js';
import { createSignalDetector, languageSignalPatterns, type SignalDetector } from './signals/index.js';
import type { ClauseScore } from './sentiment/types.js';
import type { TextDocument } from './text/document.js';

/** What language routing needs: the detector, the lexicon whose emoji the foreign reading shares, and each language's signal detector. */
export interface LanguageComponents {
  detector: LanguageDetector;
  emoji: Lexicon;
  /** Signal detectors by language, built on first need; null where a language has no phrase lists. */
  signals: Map<LanguageCode, SignalDetector | null>;
}

/** Evidence term of a clause in a language Verbatim cannot read. */
export const UNREAD_LANGUAGE_TERM = 'language-not-read';

/**
 * The clauses of a comment Verbatim cannot read (another script, or mostly words no table knows):
 * neutral with confidence 0, saying so in their evidence, instead of the English models' guess
 * ("服务很好，送货很快", great service and fast delivery, had come out negative at -0.67).
 */
function unreadClauses(doc: TextDocument): ClauseScore[] {
  return doc.clauses.map((clause) => ({ score: 0, confidence: 0, evidence: [{ start: clause.start, end: clause.end, source: 'rule', term: UNREAD_LANGUAGE_TERM, weight: 0 }] }));
}

/** Loads the shipped language data (once per process). */
export function loadLanguageComponents(): LanguageComponents {
  return { detector: createLanguageDetector(defaultLanguageData()), emoji: loadLexicon(), signals: new Map() };
}

/** Each document's language: detected, or all English when detection is off. */
export function detectLanguages(components: Components, docs: readonly TextDocument[]): LanguageCode[] {
  const language = components.language;
  return docs.map((doc) => (language === null ? ENGLISH : language.detector.detect(doc.tokens)));
}

/**
 * Clause scores and emotions (null: emotions off) for every document, each read in its language:
 * the English documents in one call of the scorer and one of the emotion model, as before.
 */
export async function scoreByLanguage(
  components: Components,
  docs: readonly TextDocument[],
  languages: readonly LanguageCode[],
): Promise<{ clauseScores: ClauseScore[][]; emotions: (Emotion[] | null)[] | null }> {
  const allEnglish = languages.every((language) => language === ENGLISH);
  const english = allEnglish ? docs : docs.filter((_, index) => languages[index] === ENGLISH);
  const englishScores = await components.scorer.scoreClauses(english);
  const englishEmotions = components.emotions ? await components.emotions.tag(english) : null;
  if (allEnglish) return { clauseScores: englishScores, emotions: englishEmotions };
  const { detector, emoji } = components.language!;
  const foreignClauses = (doc: TextDocument, language: LanguageCode): ClauseScore[] =>
    language === UNDETERMINED ? unreadClauses(doc) : scoreForeignDocument(doc, detector.language(language)!, emoji);
  let next = 0;
  const clauseScores = docs.map((doc, index) => (languages[index] === ENGLISH ? englishScores[next++]! : foreignClauses(doc, languages[index]!)));
  next = 0;
  const emotions = englishEmotions && languages.map((language) => (language === ENGLISH ? englishEmotions[next++]! : null));
  return { clauseScores, emotions };
}

/**
 * The document the theme matcher reads: the comment itself, or for a comment in another language
 * its glossed copy (src/language/glossary.ts), whose words the English taxonomy's seeds can match.
 */
export function themeDocument(components: Components, doc: TextDocument, language: LanguageCode): TextDocument {
  if (language === ENGLISH || language === UNDETERMINED || components.language === null) return doc;
  const compiled = components.language.detector.language(language);
  return compiled === null ? doc : glossDocument(doc, compiled);
}

/**
 * The signal detector for a comment in `language`: its own phrase lists (models/signals/languages;
 * every language the detector reads has them), else ('und') the engine's English one, whose phrases
 * rarely fire there, though churn from negativity alone still does.
 */
export function signalDetectorFor(components: Components, language: LanguageCode): SignalDetector {
  const routing = components.language;
  if (language === ENGLISH || routing === null) return components.signals;
  if (!routing.signals.has(language)) {
    const patterns = languageSignalPatterns(language);
    routing.signals.set(language, patterns === null ? null : createSignalDetector(patterns));
  }
  return routing.signals.get(language) ?? components.signals;
}
