/** @module What the TUI asks the gateway — projects, tasks, missions, notes, search — over the CLI's HTTP client. */
import {
  MissionDetailView,
  MissionView,
  NoteView,
  type PartialMarkers,
  PeerListResponse,
  ProjectView,
  pageOf,
  SourcedSearchResponse,
  type SourceError,
  type SourceSelector,
  sourced,
  sourcedPageOf,
  type TaskStatus,
  TaskView,
} from "@mosaic/contracts";

export type { SourcedSearchResponse } from "@mosaic/contracts";

import { ApiError, type GatewayClient } from "../client.js";
import { fetchPage, inField } from "../commands/common.js";
import { CliError, EXIT } from "../output.js";
import { type FederationSnapshot, loadFederation } from "./federationData.js";

const ProjectPage = pageOf(ProjectView);
const TaskPage = pageOf(TaskView);
const MissionPage = pageOf(MissionView);
const NotePage = pageOf(NoteView);
const ProjectResponse = inField("project", ProjectView);
const TaskResponse = inField("task", TaskView);
const MissionDetailResponse = inField("mission", MissionDetailView);
const NoteResponse = inField("note", NoteView);

// `_source` is set when a read went through `source` ≠ local (`local` or the peer's name).
const SourcedTask = sourced(TaskView);
export type SourcedTask = ReturnType<typeof SourcedTask.parse>;
const SourcedNote = sourced(NoteView);
export type SourcedNote = ReturnType<typeof SourcedNote.parse>;
export type SourcedHit = SourcedSearchResponse["items"][number];
const SourcedTaskPage = sourcedPageOf(TaskView);
const SourcedNotePage = sourcedPageOf(NoteView);

/** A read through peers: what arrived, and the peers that did not answer (`_partial`). */
export interface Sourced<T> {
  items: T[];
  errors: SourceError[];
}

/** Which notes a list shows: one project's, your personal ones, or every note you can read. */
export type NoteScope = { kind: "project"; projectId: string } | { kind: "personal" } | { kind: "all" };

export interface TuiApi {
  /** The federation view's read (admin API; a member's 403 is a `forbidden` snapshot). */
  federation(): Promise<FederationSnapshot>;
  listProjects(): Promise<ProjectView[]>;
  showProject(id: string): Promise<ProjectView>;
  listTasks(projectId: string): Promise<TaskView[]>;
  moveTask(taskId: string, status: TaskStatus): Promise<TaskView>;
  listMissions(projectId: string): Promise<MissionView[]>;
  showMission(id: string): Promise<MissionDetailView>;
  listNotes(scope: NoteScope): Promise<NoteView[]>;
  showNote(id: string): Promise<NoteView>;
  /** In a project, or personal when `projectId` is undefined. */
  createNote(projectId: string | undefined, title: string): Promise<NoteView>;
  saveNoteBody(id: string, body: string): Promise<NoteView>;
  deleteNote(id: string): Promise<void>;
  /** Notes, insights and tasks at once, best first; `signal` drops a query the user typed past. */
  search(q: string, signal: AbortSignal, source?: SourceSelector): Promise<SourcedSearchResponse>;
  /** Names of the active peers this gateway reads through (admins only: a member gets a 403). */
  listPeers(): Promise<string[]>;
  /** Every task the caller can read across projects, through `source` (`all`, `federated:<peer>`). */
  listTasksFrom(source: SourceSelector): Promise<Sourced<SourcedTask>>;
  /** Every note the caller can read, through `source`. */
  listNotesFrom(source: SourceSelector): Promise<Sourced<SourcedNote>>;
  /** One note of a peer (`federated:<peer>`). */
  showNoteFrom(id: string, source: SourceSelector): Promise<SourcedNote>;
}

/** Follows the cursor of a source-aware list, collecting the peers that failed on any page. */
async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null } & Markers>,
): Promise<Sourced<T>> {
  const items: T[] = [];
  const errors = new Map<string, SourceError>();
  let cursor: string | undefined;
  // 20 pages of 100 bound a runaway read (the TUI shows them all at once).
  for (let i = 0; i < 20; i++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    for (const e of partialErrors(page)) errors.set(e.peer, e);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { items, errors: [...errors.values()] };
}

type Markers = ReturnType<typeof PartialMarkers.parse>;

/** The peers a fanned-out answer names as failed; `_partial` without `_errors` still counts. */
export function partialErrors(answer: Markers): SourceError[] {
  if (answer._errors?.length) return answer._errors;
  return answer._partial ? [{ peer: "a peer", reason: "no reason given" }] : [];
}

/** "partial: nas unreachable (connection refused)" for the message line. */
export function partialLine(errors: readonly SourceError[]): string {
  return `partial: ${errors.map((e) => `${e.peer} unreachable (${e.reason})`).join("; ")}`;
}

/** The peer an item came from, or undefined for this gateway's own. */
export function peerOf(item: { _source?: string | undefined }): string | undefined {
  return item._source && item._source !== "local" ? item._source : undefined;
}

/** local → all → each peer → local. */
export function nextSource(current: SourceSelector, peers: readonly string[]): SourceSelector {
  const cycle: SourceSelector[] = ["local", "all", ...peers.map((p) => `federated:${p}` as const)];
  const at = cycle.indexOf(current);
  return cycle[(at + 1) % cycle.length] ?? "local";
}

/** How a source reads in a title: "local", "all gateways", or the peer's name. */
export function sourceLabel(source: SourceSelector): string {
  return source === "all" ? "all gateways" : source === "local" ? "local" : source.slice("federated:".length);
}

export function tuiApi(client: GatewayClient): TuiApi {
  const note = (id: string) => `/api/notes/${encodeURIComponent(id)}`;
  return {
    federation: () => loadFederation(client),
    async listProjects() {
      const page = await fetchPage(client, "/api/projects", ProjectPage, { all: true }, { status: "active" });
      return page.items;
    },
    async showProject(id) {
      return (await client.json("GET", `/api/projects/${encodeURIComponent(id)}`, ProjectResponse)).project;
    },
    async listTasks(projectId) {
      const path = `/api/projects/${encodeURIComponent(projectId)}/tasks`;
      const page = await fetchPage(client, path, TaskPage, { all: true }, { sort: "position" });
      return page.items;
    },
    async moveTask(taskId, status) {
      const path = `/api/tasks/${encodeURIComponent(taskId)}/move`;
      return (await client.json("POST", path, TaskResponse, { body: { status } })).task;
    },
    async listMissions(projectId) {
      const path = `/api/projects/${encodeURIComponent(projectId)}/missions`;
      return (await fetchPage(client, path, MissionPage, { all: true }, {})).items;
    },
    async showMission(id) {
      return (await client.json("GET", `/api/missions/${encodeURIComponent(id)}`, MissionDetailResponse)).mission;
    },
    async listNotes(scope) {
      const filters =
        scope.kind === "project"
          ? { projectId: scope.projectId }
          : scope.kind === "personal"
            ? { personal: "true" }
            : {};
      return (await fetchPage(client, "/api/notes", NotePage, { all: true }, filters)).items;
    },
    async showNote(id) {
      return (await client.json("GET", note(id), NoteResponse)).note;
    },
    async createNote(projectId, title) {
      const path = projectId ? `/api/projects/${encodeURIComponent(projectId)}/notes` : "/api/notes";
      return (await client.json("POST", path, NoteResponse, { body: { title } })).note;
    },
    async saveNoteBody(id, body) {
      return (await client.json("PATCH", note(id), NoteResponse, { body: { body } })).note;
    },
    async deleteNote(id) {
      await client.empty("DELETE", note(id));
    },
    async search(q, signal, source) {
      const from = source === "local" ? undefined : source;
      return client.json("GET", "/api/search", SourcedSearchResponse, {
        query: { q, limit: 20, source: from },
        signal,
      });
    },
    async listPeers() {
      const { items } = await client.json("GET", "/api/federation/peers", PeerListResponse);
      return items.filter((p) => p.state === "active").map((p) => p.name);
    },
    async listTasksFrom(source) {
      return allPages((cursor) =>
        client.json("GET", "/api/tasks", SourcedTaskPage, { query: { source, sort: "position", limit: 100, cursor } }),
      );
    },
    async listNotesFrom(source) {
      return allPages((cursor) =>
        client.json("GET", "/api/notes", SourcedNotePage, { query: { source, limit: 100, cursor } }),
      );
    },
    async showNoteFrom(id, source) {
      return (await client.json("GET", note(id), inField("note", SourcedNote), { query: { source } })).note;
    },
  };
}

/** True when the gateway could not be reached at all (the banner case), not when it said no. */
export function isUnreachable(err: unknown): boolean {
  return err instanceof CliError && !(err instanceof ApiError) && err.exitCode === EXIT.unavailable;
}

/** One line for the status bar: the gateway's own reason for a refusal (e.g. a 409's blockers). */
export function errorLine(err: unknown): string {
  if (err instanceof ApiError) return err.serverMessage;
  if (err instanceof Error) return err.message.split("\n")[0] ?? err.message;
  return String(err);
}
