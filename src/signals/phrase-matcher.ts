/**
 * Phrase tries over the word stream. Each phrase ("cancel|cancelling my subscription") is
 * expanded into its word sequences once, at load; matching walks the trie from every word, so a
 * document costs one pass times the (short) phrase depth, with no regular expressions.
 */
import type { PhraseClass } from './patterns.js';
import {
  ANY_WORD,
  ANY_WORD_KEY,
  EXACT_PREFIX,
  NAME_KEY,
  NAME_SLOT,
  NO_KEY,
  NUMBER_KEY,
  NUMBER_SLOT,
  ORDINAL_KEY,
  ORDINAL_SLOT,
  keyIdOf,
  registerTrieStarts,
} from './phrase-vocabulary.js';
import { canonicalWord, type Word } from './word-stream.js';

const SLOTS = new Set([ANY_WORD, NUMBER_SLOT, ORDINAL_SLOT, NAME_SLOT]);
/** Guard against a phrase whose alternatives multiply into an unreasonable trie. */
const MAX_EXPANSIONS_PER_PHRASE = 5_000;

export interface PhraseRule {
  /** The class name in the data file ("cancel", "legal"). */
  className: string;
  /** The phrase as written in the data file. */
  phrase: string;
  settings: PhraseClass;
}

interface TrieNode {
  /** Children by key id (phrase-vocabulary.ts). */
  next: Map<number, TrieNode>;
  rule: PhraseRule | null;
}

export interface PhraseTrie {
  root: TrieNode;
  /** This trie's bit in Word.startMask, or 0 to walk from every word (phrase-vocabulary.ts). */
  startBit: number;
}

export interface PhraseMatch {
  rule: PhraseRule;
  /** Index of the first and one past the last matched word. */
  firstWord: number;
  endWord: number;
  start: number;
  end: number;
  /** The value captured by a <num> or <ord> slot, if any. */
  captured: number | null;
}

function expand(phrase: string): string[][] {
  let sequences: string[][] = [[]];
  for (const position of phrase.trim().split(/\s+/)) {
    const alternatives = position.split('|').map((word) => (SLOTS.has(word) ? word : canonicalWord(word)));
    sequences = sequences.flatMap((sequence) => alternatives.map((word) => [...sequence, word]));
    if (sequences.length > MAX_EXPANSIONS_PER_PHRASE) {
      throw new Error(`phrase "${phrase}" expands to more than ${MAX_EXPANSIONS_PER_PHRASE} sequences`);
    }
  }
  return sequences;
}

/**
 * Compiles phrase classes into one trie; throws (plain Error) on a word sequence listed twice,
 * which the loader turns into VERBATIM_E_INVALID_LEXICON.
 */
export function compilePhrases(classes: Record<string, PhraseClass>): PhraseTrie {
  const root: TrieNode = { next: new Map(), rule: null };
  for (const [className, settings] of Object.entries(classes)) {
    for (const phrase of settings.phrases) {
      const rule: PhraseRule = { className, phrase, settings };
      for (const sequence of expand(phrase)) {
        let node = root;
        for (const word of sequence) {
          const key = keyIdOf(settings.exact && !SLOTS.has(word) ? EXACT_PREFIX + word : word);
          let child = node.next.get(key);
          if (!child) {
            child = { next: new Map(), rule: null };
            node.next.set(key, child);
          }
          node = child;
        }
        if (node.rule) {
          throw new Error(`"${sequence.join(' ')}" is listed twice ("${node.rule.phrase}" and "${phrase}")`);
        }
        node.rule = rule;
      }
    }
  }
  return { root, startBit: registerTrieStarts(root.next.keys()) };
}

interface Candidate {
  endWord: number;
  rule: PhraseRule | null;
  captured: number | null;
}

/**
 * Walks the trie from words[index] on, keeping in `best` the longest phrase ending so far. The
 * keys of a word are tried in a fixed order (normal form, exact normal form, any word, lemma,
 * number, ordinal, name) so that of two phrases of the same length the first found wins.
 */
function walk(
  words: readonly Word[],
  first: number,
  node: TrieNode,
  index: number,
  captured: number | null,
  best: Candidate,
): void {
  if (node.rule !== null && (best.rule === null || index > best.endWord)) {
    best.endWord = index;
    best.rule = node.rule;
    best.captured = captured;
  }
  if (index >= words.length || node.next.size === 0) return;
  const word = words[index]!;
  if (index > first && (word.boundaryBefore || word.sentence !== words[first]!.sentence)) return;
  step(words, first, node, index, captured, best, word, word.normalKey);
  step(words, first, node, index, captured, best, word, word.exactKey);
  step(words, first, node, index, captured, best, word, ANY_WORD_KEY);
  if (word.lemma !== word.normal) step(words, first, node, index, captured, best, word, word.lemmaKey);
  if (word.number !== null) step(words, first, node, index, captured, best, word, NUMBER_KEY);
  if (word.ordinal !== null) step(words, first, node, index, captured, best, word, ORDINAL_KEY);
  if (word.name) step(words, first, node, index, captured, best, word, NAME_KEY);
}

function step(
  words: readonly Word[],
  first: number,
  node: TrieNode,
  index: number,
  captured: number | null,
  best: Candidate,
  word: Word,
  key: number,
): void {
  if (key === NO_KEY) return;
  const child = node.next.get(key);
  if (child === undefined) return;
  const value = key === NUMBER_KEY ? word.number : key === ORDINAL_KEY ? word.ordinal : captured;
  walk(words, first, child, index + 1, value, best);
}

/** All leftmost-longest, non-overlapping phrase matches in the word stream. */
export function matchPhrases(words: readonly Word[], trie: PhraseTrie): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  const best: Candidate = { endWord: 0, rule: null, captured: null };
  let index = 0;
  const startBit = trie.startBit;
  while (index < words.length) {
    if (startBit !== 0 && (words[index]!.startMask & startBit) === 0) {
      index += 1;
      continue;
    }
    best.rule = null;
    walk(words, index, trie.root, index, null, best);
    const rule = best.rule as PhraseRule | null;
    if (rule === null) {
      index += 1;
      continue;
    }
    const endWord = best.endWord;
    matches.push({
      rule,
      firstWord: index,
      endWord,
      start: words[index]!.start,
      end: words[endWord - 1]!.end,
      captured: best.captured,
    });
    index = endWord;
  }
  return matches;
}
