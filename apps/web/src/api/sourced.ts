/**
 * @module Answers of the read routes that take `?source=`: items tagged `_source`, and the
 * `_partial`/`_errors` markers of a fanned-out read (packages/contracts federationWire.ts). Built
 * from the contracts' own schemas, so the dashboard needs no schema library of its own.
 */
import {
  InsightView,
  NoteView,
  SearchHit,
  type SourceError,
  sourced,
  sourcedPageOf,
  TaskView,
} from "@mosaic/contracts";

export { SourcedSearchResponse } from "@mosaic/contracts";

// `_source` is set when the read went through `source` ≠ local; an untagged item is this gateway's.
export const SourcedTask = sourced(TaskView);
export type SourcedTask = ReturnType<typeof SourcedTask.parse>;
export const SourcedNote = sourced(NoteView);
export type SourcedNote = ReturnType<typeof SourcedNote.parse>;
export const SourcedInsight = sourced(InsightView);
export type SourcedInsight = ReturnType<typeof SourcedInsight.parse>;
export const SourcedHit = sourced(SearchHit);
export type SourcedHit = ReturnType<typeof SourcedHit.parse>;

export const SourcedTaskPage = sourcedPageOf(TaskView);
export const SourcedNotePage = sourcedPageOf(NoteView);
export const SourcedInsightPage = sourcedPageOf(InsightView);

/** What a paged read adds up to: the items, whether more pages exist, and the peers that did not answer. */
export interface SourcedList<T> {
  items: T[];
  more: boolean;
  errors: SourceError[];
}
