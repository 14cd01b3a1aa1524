/**
 * @module Merging the answers of several sources into one: lists in a stable order (the list's sort
 * key, then source, then id), search hits interleaved by rank.
 */

/** `local` first, then peers by name: the tie-break between sources everywhere. */
export function compareSources(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "local") return -1;
  if (b === "local") return 1;
  return a < b ? -1 : 1;
}

export interface SourceItems<T> {
  source: string;
  items: T[];
}

type Tagged<T> = T & { _source: string };

/** One sort key of a list: how to read it from an item, and its direction. Nulls sort last. */
export interface MergeOrder<T> {
  key: (item: T) => string | number | null;
  order: "asc" | "desc";
}

/**
 * Merges lists from several sources: by `order` (ties and nulls as documented), then by source
 * (`local` first, peers by name), then by id. Every item comes out tagged with its `_source`.
 * Deterministic: the same inputs give the same order, whichever source answered first.
 */
export function mergeLists<T extends { id: string }>(parts: SourceItems<T>[], order: MergeOrder<T>): Tagged<T>[] {
  const tagged = parts.flatMap(({ source, items }) => items.map((item) => ({ ...item, _source: source })));
  const sign = order.order === "asc" ? 1 : -1;
  return tagged.sort((a, b) => {
    const byKey = compareKeys(order.key(a), order.key(b));
    if (byKey !== 0) return byKey === 2 ? 1 : byKey === -2 ? -1 : byKey * sign;
    return compareSources(a._source, b._source) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** -1/0/1 for comparable keys; ±2 when one is null (nulls last whatever the direction). */
function compareKeys(a: string | number | null, b: string | number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 2;
  if (b === null) return -2;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Interleaves ranked hit lists: the best hit of each source, then the second of each, and so on,
 * sources in their usual order; at most `limit` hits. Scores of different gateways are not
 * comparable, ranks are.
 */
export function interleaveByRank<T>(parts: SourceItems<T>[], limit: number): Tagged<T>[] {
  const ordered = [...parts].sort((a, b) => compareSources(a.source, b.source));
  const out: Tagged<T>[] = [];
  const longest = Math.max(0, ...ordered.map((p) => p.items.length));
  for (let rank = 0; rank < longest && out.length < limit; rank += 1) {
    for (const part of ordered) {
      const item = part.items[rank];
      if (item !== undefined && out.length < limit) out.push({ ...item, _source: part.source });
    }
  }
  return out;
}
