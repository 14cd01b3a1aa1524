/** @module Every task matching a query, following the cursor (a board shows them all), with the peers that failed. */
import type { SourceError } from "@mosaic/contracts";
import type { SourcedTask } from "../api/sourced.js";
import { mergeErrors, partialErrors } from "../sources/source.js";

/** 10 pages of 100 bounds a runaway project. */
const MAX_PAGES = 10;
export const TASK_PAGE = 100;

export interface TaskPageAnswer {
  items: SourcedTask[];
  nextCursor: string | null;
  _partial?: boolean | undefined;
  _errors?: SourceError[] | undefined;
}

export interface LoadedTasks {
  items: readonly SourcedTask[];
  /** Peers that did not answer (a `source=all` read still returns the rest). */
  errors: readonly SourceError[];
}

export async function loadAllTasks(
  fetchPage: (cursor: string | undefined) => Promise<TaskPageAnswer>,
  /** Told the tasks so far after each page but the last, so a board can show them while the rest arrive. */
  onPage?: (soFar: LoadedTasks) => void,
): Promise<LoadedTasks> {
  const items: SourcedTask[] = [];
  let errors: SourceError[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    errors = mergeErrors(errors, partialErrors(page));
    if (!page.nextCursor) break;
    onPage?.({ items: [...items], errors });
    cursor = page.nextCursor;
  }
  return { items, errors };
}
