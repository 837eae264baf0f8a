/**
 * Phrase tries over the word stream. Each phrase ("cancel|cancelling my subscription") is
 * expanded into its word sequences once, at load; matching walks the trie from every word, so a
 * document costs one pass times the (short) phrase depth, with no regular expressions.
 */
import type { PhraseClass } from './patterns.js';
import { canonicalWord, type Word } from './word-stream.js';

/** Slot keys a phrase may use in place of a word. */
const ANY_WORD = '*';
const NUMBER_SLOT = '<num>';
const ORDINAL_SLOT = '<ord>';
const NAME_SLOT = '<name>';
const SLOTS = new Set([ANY_WORD, NUMBER_SLOT, ORDINAL_SLOT, NAME_SLOT]);
/** Prefix of keys that must equal the normal form (classes marked exact). */
const EXACT_PREFIX = '=';
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
  next: Map<string, TrieNode>;
  rule: PhraseRule | null;
}

export interface PhraseTrie {
  root: TrieNode;
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
          const key = settings.exact && !SLOTS.has(word) ? EXACT_PREFIX + word : word;
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
  return { root };
}

function keysOf(word: Word): string[] {
  const keys = [word.normal, EXACT_PREFIX + word.normal, ANY_WORD];
  if (word.lemma !== word.normal) keys.push(word.lemma);
  if (word.number !== null) keys.push(NUMBER_SLOT);
  if (word.ordinal !== null) keys.push(ORDINAL_SLOT);
  if (word.name) keys.push(NAME_SLOT);
  return keys;
}

interface Candidate {
  endWord: number;
  rule: PhraseRule;
  captured: number | null;
}

function longestFrom(words: readonly Word[], first: number, trie: PhraseTrie): Candidate | null {
  let best: Candidate | null = null;
  const walk = (node: TrieNode, index: number, captured: number | null): void => {
    if (node.rule && (!best || index > best.endWord)) best = { endWord: index, rule: node.rule, captured };
    const word = words[index];
    if (!word || node.next.size === 0) return;
    if (index > first && (word.boundaryBefore || word.sentence !== words[first]!.sentence)) return;
    for (const key of keysOf(word)) {
      const child = node.next.get(key);
      if (!child) continue;
      const value = key === NUMBER_SLOT ? word.number : key === ORDINAL_SLOT ? word.ordinal : captured;
      walk(child, index + 1, value);
    }
  };
  walk(trie.root, first, null);
  return best;
}

/** All leftmost-longest, non-overlapping phrase matches in the word stream. */
export function matchPhrases(words: readonly Word[], trie: PhraseTrie): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  let index = 0;
  while (index < words.length) {
    const found = longestFrom(words, index, trie);
    if (!found) {
      index += 1;
      continue;
    }
    const { endWord, rule, captured } = found as Candidate;
    matches.push({
      rule,
      firstWord: index,
      endWord,
      start: words[index]!.start,
      end: words[endWord - 1]!.end,
      captured,
    });
    index = endWord;
  }
  return matches;
}
