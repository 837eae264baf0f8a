/**
 * Names clusters. Candidates are content lemmas (keywords) and two-word phrases of adjacent
 * content words in one clause ("late delivery", "customer service", "runs small"); each is scored
 * by class-based TF-IDF (c-TF-IDF, Grootendorst 2022): the share of the cluster's comments that
 * use it times log(1 + A / f), A the mean cluster size and f the comments using it in all
 * clusters, so words every cluster shares score low. The label is the best phrase when it is
 * nearly as telling as the best keyword, else the best keyword (in its most common spelling,
 * "pants" not the lemma "pant"); keywords stay lemmas, the dictionary form taxonomy seeds want.
 */
import type { TextDocument } from '../text/index.js';
import { GENERIC_WORDS } from '../themes/word-lists.js';
import { isContentToken } from './corpus.js';

/** Keywords reported per theme. */
export const KEYWORDS_PER_THEME = 10;
/** A phrase must be used by this share of a cluster's comments to name it (and by 2+ comments). */
export const PHRASE_MIN_SHARE = 0.03;
/**
 * A phrase beats the best single keyword when its c-TF-IDF is at least this fraction of the
 * keyword's: phrases read better ("sizing runs small" vs "small"), so they get some slack.
 * 0.35 chosen by reading the clothing and SemEval labels.
 */
export const PHRASE_PREFERENCE = 0.35;
/**
 * ...and when it is used by at least this fraction as many of the cluster's comments as the best
 * keyword: c-TF-IDF favours rare terms, and a phrase in 4 of 32 comments ("manager apologised")
 * should not name a cluster where 24 say "rude".
 */
export const PHRASE_SHARE_RATIO = 0.2;
/**
 * Candidates holding an evaluative word ("great dress", "love") are scaled by this for the
 * label: "great dress" names a mood, "dress" or "wedding dress" the topic.
 */
export const GENERIC_LABEL_FACTOR = 0.3;

export interface ClusterLabel {
  label: string;
  keywords: string[];
}

interface TermStats {
  /** Comments using the term, per cluster. */
  perCluster: Map<number, number>;
  total: number;
  /** Surface (normal-form) spellings and their counts, for display. */
  spellings: Map<string, number>;
  generic: boolean;
}

/**
 * Labels `clusterCount` clusters from documents with their cluster (-1 = none). Labels are made
 * unique: a cluster whose best label is taken uses its next best candidate.
 *
 * @example labelClusters([{ cluster: 0, doc }], 1)[0].label // 'late delivery'
 */
export function labelClusters(items: readonly { cluster: number; doc: TextDocument }[], clusterCount: number): ClusterLabel[] {
  const unigrams = new Map<string, TermStats>();
  const bigrams = new Map<string, TermStats>();
  const sizes = new Array<number>(clusterCount).fill(0);
  for (const { cluster, doc } of items) {
    if (cluster < 0) continue;
    sizes[cluster]! += 1;
    const seen = new Set<string>();
    for (const clause of doc.clauses) {
      let previous: { lemma: string; normal: string } | null = null;
      for (let index = clause.firstToken; index < clause.endToken; index += 1) {
        const token = doc.tokens[index]!;
        if (!isContentToken(token)) {
          previous = null;
          continue;
        }
        const lemma = token.lemma.toLowerCase();
        const normal = token.normal.toLowerCase();
        note(unigrams, lemma, normal, cluster, seen, GENERIC_WORDS.has(lemma));
        if (previous && previous.lemma !== lemma) {
          note(
            bigrams,
            `${previous.lemma} ${lemma}`,
            `${previous.normal} ${normal}`,
            cluster,
            seen,
            GENERIC_WORDS.has(previous.lemma) || GENERIC_WORDS.has(lemma),
          );
        }
        previous = { lemma, normal };
      }
    }
  }
  const active = sizes.filter((size) => size > 0);
  const meanSize = active.length ? active.reduce((sum, size) => sum + size, 0) / active.length : 1;
  const score = (stats: TermStats, cluster: number): number => {
    const inCluster = stats.perCluster.get(cluster) ?? 0;
    const base = (inCluster / Math.max(sizes[cluster]!, 1)) * Math.log(1 + meanSize / stats.total);
    return stats.generic ? base * GENERIC_LABEL_FACTOR : base;
  };
  const ranked = (terms: Map<string, TermStats>, cluster: number, minimumCount: number) => {
    const list: { key: string; stats: TermStats; score: number }[] = [];
    for (const [key, stats] of terms) {
      if ((stats.perCluster.get(cluster) ?? 0) < minimumCount) continue;
      list.push({ key, stats, score: score(stats, cluster) });
    }
    // Ties broken by the key so the order never depends on Map insertion details.
    return list.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };

  const used = new Set<string>();
  const labels: ClusterLabel[] = [];
  for (let cluster = 0; cluster < clusterCount; cluster += 1) {
    const size = sizes[cluster]!;
    const words = ranked(unigrams, cluster, 1);
    const keywords = words.slice(0, KEYWORDS_PER_THEME).map((entry) => entry.key);
    const phraseMinimum = Math.max(size >= 10 ? 2 : 1, Math.ceil(PHRASE_MIN_SHARE * size));
    const phrases = ranked(bigrams, cluster, phraseMinimum);
    const bestWordScore = words[0]?.score ?? 0;
    const bestWordCount = words[0]?.stats.perCluster.get(cluster) ?? 0;
    const candidates = [
      ...phrases
        .filter((entry) => entry.score >= PHRASE_PREFERENCE * bestWordScore && entry.stats.perCluster.get(cluster)! >= PHRASE_SHARE_RATIO * bestWordCount)
        .map((entry) => spelling(entry.stats)),
      ...words.map((entry) => spelling(entry.stats)),
    ];
    let label = candidates.find((candidate) => !used.has(candidate));
    if (label === undefined) label = `theme ${cluster + 1}`;
    used.add(label);
    labels.push({ label, keywords });
  }
  return labels;
}

function note(
  terms: Map<string, TermStats>,
  key: string,
  display: string,
  cluster: number,
  seen: Set<string>,
  generic: boolean,
): void {
  let stats = terms.get(key);
  if (!stats) {
    stats = { perCluster: new Map(), total: 0, spellings: new Map(), generic };
    terms.set(key, stats);
  }
  stats.spellings.set(display, (stats.spellings.get(display) ?? 0) + 1);
  const seenKey = `${key}\u0000`;
  if (seen.has(seenKey)) return;
  seen.add(seenKey);
  stats.perCluster.set(cluster, (stats.perCluster.get(cluster) ?? 0) + 1);
  stats.total += 1;
}

/** The most frequent spelling (ties: alphabetical). */
function spelling(stats: TermStats): string {
  let best = '';
  let bestCount = -1;
  for (const [display, count] of stats.spellings) {
    if (count > bestCount || (count === bestCount && display < best)) {
      best = display;
      bestCount = count;
    }
  }
  return best;
}
