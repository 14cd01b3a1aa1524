/** @module The brain's endpoints the dashboard calls beyond projects and work: notes, memory and search. */
import {
  type InsightCreateBody,
  InsightView,
  type NoteCreateBody,
  type NoteUpdateBody,
  NoteView,
  PreferenceView,
  pageOf,
  type SearchKind,
  type SourceSelector,
} from "@mosaic/contracts";
import type { Client } from "./client.js";
import { id, inside } from "./shapes.js";
import { SourcedInsightPage, SourcedNote, SourcedNotePage, SourcedSearchResponse } from "./sourced.js";

const note = inside("note", NoteView);
const insight = inside("insight", InsightView);
const PreferencePage = pageOf(PreferenceView);
const preference = inside("preference", PreferenceView);

export interface NoteListFilter {
  tag?: string | undefined;
  projectId?: string | undefined;
  /** Only the caller's own personal notes (outside any project). */
  personal?: boolean | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  /** Through peers (`all`, `federated:<peer>`); team and personal filters are this gateway's only. */
  source?: SourceSelector | undefined;
}

export function brainEndpoints(client: Client) {
  return {
    notes: {
      list: ({ personal, ...q }: NoteListFilter) =>
        client.get("/api/notes", SourcedNotePage, { query: { ...q, personal: personal ? "true" : undefined } }),
      get: (noteId: string, source?: SourceSelector) =>
        client.get(`/api/notes/${id(noteId)}`, inside("note", SourcedNote), { query: { source } }),
      /** A personal note, or one in `projectId` (readable by everyone who can read the project). */
      create: (body: NoteCreateBody, projectId?: string) =>
        client.post(projectId ? `/api/projects/${id(projectId)}/notes` : "/api/notes", note, { body }),
      update: (noteId: string, body: NoteUpdateBody) => client.patch(`/api/notes/${id(noteId)}`, note, { body }),
      remove: (noteId: string) => client.del(`/api/notes/${id(noteId)}`),
    },
    memory: {
      preferences: (q: { cursor?: string; limit?: number } = {}) =>
        client.get("/api/memory/preferences", PreferencePage, { query: q }),
      /** Creates or replaces; `mutable: false` locks it against agents. */
      setPreference: (key: string, body: { value: unknown; mutable?: boolean }) =>
        client.put(`/api/memory/preferences/${id(key)}`, preference, { body }),
      removePreference: (key: string) => client.del(`/api/memory/preferences/${id(key)}`),
      insights: (
        q: { cursor?: string; limit?: number; category?: string; projectId?: string; source?: SourceSelector } = {},
      ) => client.get("/api/memory/insights", SourcedInsightPage, { query: q }),
      createInsight: (body: Partial<InsightCreateBody> & { text: string }) =>
        client.post("/api/memory/insights", insight, { body }),
      removeInsight: (insightId: string) => client.del(`/api/memory/insights/${id(insightId)}`),
      /** Insights only, ranked. */
      search: (q: { q: string; limit?: number; projectId?: string; source?: SourceSelector | undefined }) =>
        client.get("/api/memory/search", SourcedSearchResponse, { query: q }),
    },
    /** Notes, insights and tasks in one ranked list; `kinds` narrows it. */
    search: (q: {
      q: string;
      kinds?: readonly SearchKind[];
      limit?: number;
      projectId?: string;
      source?: SourceSelector | undefined;
    }) =>
      client.get("/api/search", SourcedSearchResponse, {
        query: { ...q, kinds: q.kinds?.length ? q.kinds.join(",") : undefined },
      }),
  };
}
