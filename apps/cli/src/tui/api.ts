/** @module What the TUI asks the gateway: projects, a project's tasks, moving a task — over the CLI's HTTP client. */
import { ProjectView, pageOf, type TaskStatus, TaskView } from "@mosaic/contracts";
import { ApiError, type GatewayClient } from "../client.js";
import { fetchPage, inField } from "../commands/common.js";
import { CliError, EXIT } from "../output.js";
import { type FederationSnapshot, loadFederation } from "./federationData.js";

const ProjectPage = pageOf(ProjectView);
const TaskPage = pageOf(TaskView);
const ProjectResponse = inField("project", ProjectView);
const TaskResponse = inField("task", TaskView);

export interface TuiApi {
  /** The federation view's read (admin API; a member's 403 is a `forbidden` snapshot). */
  federation(): Promise<FederationSnapshot>;
  listProjects(): Promise<ProjectView[]>;
  showProject(id: string): Promise<ProjectView>;
  listTasks(projectId: string): Promise<TaskView[]>;
  moveTask(taskId: string, status: TaskStatus): Promise<TaskView>;
}

export function tuiApi(client: GatewayClient): TuiApi {
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
