/**
 * Intensifiers and dampeners ("very good", "slightly late", "kind of slow"). The constants are
 * VADER's (Hutto & Gilbert 2014, vaderSentiment.py), derived from crowd ratings of the same
 * sentences with and without the modifier.
 */

/** Mean valence increase from a booster word ("extremely good" vs "good"). Source: VADER B_INCR. */
export const B_INCR = 0.293;
/** Mean valence decrease from a dampener ("slightly good" vs "good"). Source: VADER B_DECR. */
export const B_DECR = -0.293;
/** Extra intensity of a word written in ALL CAPS among non-caps words. Source: VADER C_INCR. */
export const C_INCR = 0.733;
/**
 * A modifier two or three words before the opinion word counts less. Source: VADER's
 * sentiment_valence, which scales the booster by 0.95 at distance two and 0.9 at distance three.
 */
export const MODIFIER_DISTANCE_DECAY = [1, 1, 0.95, 0.9] as const;
/** How far back (in words) a modifier reaches. Source: VADER looks at the three preceding words. */
export const MODIFIER_REACH = 3;

const BOOSTERS = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerably', 'decidedly', 'deeply', 'effing',
  'enormously', 'entirely', 'especially', 'exceptionally', 'extremely', 'fabulously', 'flipping', 'flippin',
  'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fucking', 'greatly', 'hella', 'highly', 'hugely',
  'incredibly', 'intensely', 'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really',
  'remarkably', 'so', 'soo', 'substantially', 'thoroughly', 'totally', 'tremendously', 'uber',
  'unbelievably', 'unusually', 'utterly', 'very', 'super', 'too', 'seriously', 'insanely', 'ridiculously',
  'terribly', 'truly', 'painfully', 'beyond', 'pretty', 'damn', 'bloody', 'mega', 'such',
];

const DAMPENERS = [
  'almost', 'barely', 'hardly', 'kinda', 'kindof', 'less', 'little', 'marginally', 'occasionally', 'partly',
  'scarcely', 'slightly', 'somewhat', 'sorta', 'sortof', 'fairly', 'mildly', 'reasonably', 'bit',
];

/** Two-word modifiers keyed by their first word, then second. */
const MODIFIER_PAIRS = new Map<string, Map<string, number>>([
  ['kind', new Map([['of', B_DECR]])],
  ['sort', new Map([['of', B_DECR]])],
  ['a', new Map([['bit', B_DECR], ['little', B_DECR]])],
  ['just', new Map([['enough', B_DECR]])],
  ['so', new Map([['very', B_INCR]])],
]);

const SINGLE_MODIFIERS = new Map<string, number>([
  ...BOOSTERS.map((word) => [word, B_INCR] as const),
  ...DAMPENERS.map((word) => [word, B_DECR] as const),
]);

export interface ModifierMatch {
  /** Signed scalar for a positive word; flip the sign for a negative one (VADER does the same). */
  scalar: number;
  /** Tokens the modifier covers. */
  length: number;
}

/** The modifier starting at `position` (a pair wins over a single word), or null. */
export function modifierAt(keys: readonly string[], position: number, end: number): ModifierMatch | null {
  const key = keys[position]!;
  const pairs = MODIFIER_PAIRS.get(key);
  if (pairs && position + 1 < end) {
    const scalar = pairs.get(keys[position + 1]!);
    if (scalar !== undefined) return { scalar, length: 2 };
  }
  const scalar = SINGLE_MODIFIERS.get(key);
  return scalar === undefined ? null : { scalar, length: 1 };
}

/** True when a modifier may start at a token with this key (modifierAt can only then be non-null). */
export function mayStartModifier(key: string): boolean {
  return MODIFIER_PAIRS.has(key) || SINGLE_MODIFIERS.has(key);
}
