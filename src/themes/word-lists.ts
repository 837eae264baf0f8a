/**
 * Word lists the theme matcher needs: function words that never carry a theme, evaluative words
 * whose vectors sit close to many seeds without naming a topic, and the survey fragments that get
 * no theme at all. Hand-written for customer feedback; all entries lower-case normal forms.
 */

/**
 * Function words and fillers. A two-word seed containing one is matched only contiguously (no
 * either-order window), and these words are never matched by word-vector similarity.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by can cannot could did do does doing down during each few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just me more ' +
    'most my myself no nor not now of off on once only or other our ours ourselves out over own same she ' +
    'should so some such than that the their theirs them themselves then there these they this those through ' +
    'to too under until up very was we were what when where which while who whom why will with would you your ' +
    "yours yourself yourselves i'm i've i'd i'll it's that's there's don't didn't doesn't isn't wasn't " +
    "aren't weren't can't couldn't won't wouldn't shouldn't haven't hasn't hadn't also even still yet " +
    'ever never always already really quite rather much many lot lots bit get got gets getting go going gone ' +
    'went come came make made take took say said tell told want wanted need needed know knew think thought ' +
    'one two three four five six seven eight nine ten first second last next another every each thing things ' +
    'something anything nothing everything someone anyone everyone nobody somebody anybody way ways ' +
    'yes yeah ok okay please thanks thank hi hello dear guys etc via per us'
  ).split(' '),
);

/**
 * Evaluative and intensifying words. Their vectors are close to evaluative seeds ("rude",
 * "helpful", "reliable") yet they name no topic, so word-vector matching skips them; literal
 * seeds still match them when a theme lists them.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'good great bad terrible awful horrible excellent amazing brilliant fantastic wonderful superb perfect ' +
    'poor nice fine lovely best worst better worse love loved hate hated like liked happy unhappy pleased ' +
    'disappointed disappointing disappointment satisfied dissatisfied annoyed annoying frustrated frustrating ' +
    'angry upset shocking disgusting appalling pathetic useless ridiculous joke absolutely totally completely ' +
    'extremely super highly truly definitely overall experience service company customer customers people ' +
    'person time times day days week weeks month months year years hour hours minute minutes today yesterday ' +
    'again problem problems issue issues help helped thing stuff everything sure well little big long new old ' +
    'recommend recommended easy hard difficult simple quick quickly slow slowly fast'
  ).split(' '),
);

/**
 * Whole answers that carry no topic ("n/a", "see above"). Compared after lower-casing and
 * stripping punctuation and spaces at both ends; the GUIDE asks that these get no theme.
 */
export const FRAGMENT_ANSWERS: ReadonlySet<string> = new Set([
  'ok', 'okay', 'k', 'n/a', 'na', 'n a', 'none', 'nothing', 'nothing really', 'nothing to add', 'nope', 'no',
  'yes', 'nil', 'null', 'see above', 'as above', 'same as above', 'see previous', 'see previous answer',
  'no comment', 'no comments', 'nothing else', 'not applicable', 'all good', 'fine', 'good', 'none really',
  'idk', "don't know", 'dont know', 'no idea', '-', '--', '.', '...', '?', 'x', 'test', 'thanks', 'thank you',
]);

const EDGE_PUNCTUATION = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/** Length of the longest fragment answer: a text with more letters than this is none. */
const LONGEST_FRAGMENT = Math.max(...[...FRAGMENT_ANSWERS].map((fragment) => fragment.length));

/**
 * True when the text has more ASCII letters and digits than any fragment: stripping edge
 * punctuation and collapsing spaces never removes those, and lower-casing keeps their count.
 */
function tooLongForFragment(text: string): boolean {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index) | 32;
    const isLetterOrDigit = (code >= 97 && code <= 122) || (text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57);
    if (isLetterOrDigit && ++count > LONGEST_FRAGMENT) return true;
  }
  return false;
}

/** True when a whole comment is a survey fragment that deserves no theme. */
export function isFragmentAnswer(text: string): boolean {
  if (tooLongForFragment(text)) return false;
  const trimmed = text.trim().toLowerCase();
  if (trimmed.length === 0) return true;
  if (FRAGMENT_ANSWERS.has(trimmed)) return true;
  const stripped = trimmed.replace(EDGE_PUNCTUATION, '').replace(/\s+/g, ' ');
  return stripped.length === 0 || FRAGMENT_ANSWERS.has(stripped);
}
