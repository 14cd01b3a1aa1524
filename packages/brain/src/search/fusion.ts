/**
 * @module Reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): each list a row appears
 * in adds 1 / (k + rank), rank starting at 1. Ranks, not raw scores, are fused, because cosine
 * similarity and ts_rank live on unrelated scales; k = 60 (the paper's value) keeps one list's top
 * hit from outweighing agreement between lists.
 */

export const RRF_K = 60;

export interface RankedLists<T extends { id: string }> {
  vector: readonly T[];
  text: readonly T[];
}

export interface Fused<T> {
  item: T;
  score: number;
  ranks: { vector: number | null; text: number | null };
}

/** Fuses the two ranked lists of one kind; best first, ties broken by id so answers are stable. */
export function reciprocalRankFusion<T extends { id: string }>(lists: RankedLists<T>, k = RRF_K): Fused<T>[] {
  const byId = new Map<string, Fused<T>>();
  const add = (list: readonly T[], which: "vector" | "text") => {
    list.forEach((item, index) => {
      const entry = byId.get(item.id) ?? { item, score: 0, ranks: { vector: null, text: null } };
      if (entry.ranks[which] !== null) return; // a list holds each row once; ignore repeats
      entry.ranks[which] = index + 1;
      entry.score += 1 / (k + index + 1);
      byId.set(item.id, entry);
    });
  };
  add(lists.vector, "vector");
  add(lists.text, "text");
  return [...byId.values()].sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1));
}
