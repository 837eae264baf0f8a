/**
 * Multi-word lexicon entries ("never arrived", "<n> days late", "would not recommend") as a trie
 * over token keys, matched longest first. Each phrase word is expanded into the token sequences a
 * tokenizer may produce for it (see contractionVariants), so "didn't work" also matches
 * "did" + "not" + "work". Slots: <n> matches a number or number word, <ord> an ordinal.
 */
import { contractionVariants } from './token-keys.js';

/** Slot that matches a number token or a number word. */
export const NUMBER_SLOT = '<n>';
/** Slot that matches an ordinal ("third", "3rd"). */
export const ORDINAL_SLOT = '<ord>';

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Set when a phrase ends here. */
  phrase?: string;
  valence?: number;
}

export interface PhraseIndex {
  root: TrieNode;
  size: number;
}

/** What a clause offers the matcher: one key per token plus slot flags. */
export interface KeyedTokens {
  keys: string[];
  isNumber: boolean[];
  isOrdinal: boolean[];
}

export interface PhraseMatch {
  phrase: string;
  valence: number;
  /** Tokens covered, counted from the start position. */
  length: number;
}

function newNode(): TrieNode {
  return { children: new Map() };
}

function expand(words: string[]): string[][] {
  let sequences: string[][] = [[]];
  for (const word of words) {
    const variants = contractionVariants(word);
    const next: string[][] = [];
    for (const sequence of sequences) for (const variant of variants) next.push([...sequence, ...variant]);
    sequences = next;
  }
  return sequences;
}

/** Builds the trie once at load time; later phrases never overwrite earlier identical sequences. */
export function buildPhraseIndex(entries: readonly (readonly [string, number])[]): PhraseIndex {
  const root = newNode();
  let size = 0;
  for (const [phrase, valence] of entries) {
    const words = phrase.split(' ').filter((word) => word.length > 0);
    for (const sequence of expand(words)) {
      let node = root;
      for (const key of sequence) {
        let child = node.children.get(key);
        if (!child) {
          child = newNode();
          node.children.set(key, child);
        }
        node = child;
      }
      // The literal spelling (first variant) is inserted first and wins over a variant collision.
      if (node.phrase === undefined) {
        node.phrase = phrase;
        node.valence = valence;
        size++;
      }
    }
  }
  return { root, size };
}

/**
 * The longest phrase starting at `start` and ending before `end`, or null. Exact keys are tried
 * before slots at each step; the search keeps the deepest complete phrase seen.
 */
export function matchPhrase(index: PhraseIndex, tokens: KeyedTokens, start: number, end: number): PhraseMatch | null {
  const root = index.root;
  // Fast path: most tokens start no phrase.
  if (!root.children.has(tokens.keys[start]!) && !tokens.isNumber[start] && !tokens.isOrdinal[start]) return null;
  const state: SearchState = { tokens, start, end, bestLength: 0, bestNode: null };
  walk(root, start, state);
  if (!state.bestNode) return null;
  return { phrase: state.bestNode.phrase!, valence: state.bestNode.valence!, length: state.bestLength };
}

interface SearchState {
  tokens: KeyedTokens;
  start: number;
  end: number;
  bestLength: number;
  bestNode: TrieNode | null;
}

function walk(node: TrieNode, position: number, state: SearchState): void {
  const length = position - state.start;
  if (node.phrase !== undefined && length > state.bestLength) {
    state.bestLength = length;
    state.bestNode = node;
  }
  if (position >= state.end || node.children.size === 0) return;
  const exact = node.children.get(state.tokens.keys[position]!);
  if (exact) walk(exact, position + 1, state);
  if (state.tokens.isNumber[position]) {
    const slot = node.children.get(NUMBER_SLOT);
    if (slot) walk(slot, position + 1, state);
  }
  if (state.tokens.isOrdinal[position]) {
    const slot = node.children.get(ORDINAL_SLOT);
    if (slot) walk(slot, position + 1, state);
  }
}
