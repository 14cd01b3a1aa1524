/** @module What the TUI asks the gateway — projects, tasks, missions, notes, search — over the CLI's HTTP client. */
import {
  MissionDetailView,
  MissionView,
  NoteView,
  ProjectView,
  pageOf,
  SearchResponse,
  type TaskStatus,
  TaskView,
} from "@mosaic/contracts";
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
  search(q: string, signal: AbortSignal): Promise<SearchResponse>;
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
    async search(q, signal) {
      return client.json("GET", "/api/search", SearchResponse, { query: { q, limit: 20 }, signal });
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
