/**
 * @module Answers of the read routes that take `?source=`: items tagged `_source`, and the
 * `_partial`/`_errors` markers of a fanned-out read (packages/contracts federationWire.ts). Built
 * from the contracts' own schemas, so the dashboard needs no schema library of its own.
 */
import {
  InsightView,
  NoteView,
  PartialMarkers,
  pageOf,
  SearchHit,
  SearchResponse,
  type SourceError,
  SourceTag,
  TaskView,
} from "@mosaic/contracts";

/** `_source` is set when the read went through `source` ≠ local; an untagged item is this gateway's. */
const tag = { _source: SourceTag.shape._source.optional() };

export const SourcedTask = TaskView.extend(tag);
export type SourcedTask = ReturnType<typeof SourcedTask.parse>;
export const SourcedNote = NoteView.extend(tag);
export type SourcedNote = ReturnType<typeof SourcedNote.parse>;
export const SourcedInsight = InsightView.extend(tag);
export type SourcedInsight = ReturnType<typeof SourcedInsight.parse>;
export const SourcedHit = SearchHit.extend(tag);
export type SourcedHit = ReturnType<typeof SourcedHit.parse>;

export const SourcedTaskPage = pageOf(SourcedTask).extend(PartialMarkers.shape);
export const SourcedNotePage = pageOf(SourcedNote).extend(PartialMarkers.shape);
export const SourcedInsightPage = pageOf(SourcedInsight).extend(PartialMarkers.shape);
export const SourcedSearchResponse = SearchResponse.extend({
  items: pageOf(SourcedHit).shape.items,
  ...PartialMarkers.shape,
});
export type SourcedSearchResponse = ReturnType<typeof SourcedSearchResponse.parse>;

/** What a paged read adds up to: the items, whether more pages exist, and the peers that did not answer. */
export interface SourcedList<T> {
  items: T[];
  more: boolean;
  errors: SourceError[];
}
