/** @module Every gateway endpoint the dashboard calls, typed by the contracts. Pages call these, never fetch. */
import {
  AuthStatusResponse,
  MeResponse,
  type MilestoneCreateBody,
  type MilestoneUpdateBody,
  MilestoneView,
  type MissionCreateBody,
  MissionDetailView,
  type MissionStatus,
  type MissionUpdateBody,
  MissionView,
  type ProjectCreateBody,
  type ProjectStatus,
  ProjectView,
  pageOf,
  SessionResponse,
  type SignInBody,
  type SignUpBody,
  type SourceSelector,
  type TaskCreateBody,
  type TaskListQuery,
  type TaskStatus,
  type TaskUpdateBody,
  TaskView,
  TeamDetailResponse,
  TeamMemberView,
  type TeamRole,
  TeamView,
  type TokenCreateBody,
  TokenCreatedResponse,
  TokenListResponse,
  UserView,
} from "@mosaic/contracts";
import { brainEndpoints } from "./brainEndpoints.js";
import type { Client } from "./client.js";
import { federationEndpoints } from "./federationEndpoints.js";
import { arrayOf, id, inside } from "./shapes.js";
import { SourcedTask, SourcedTaskPage } from "./sourced.js";

export type AllTasksQuery = {
  status?: TaskStatus | undefined;
  assignee?: string | undefined;
  projectId?: string | undefined;
  missionId?: string | undefined;
  q?: string | undefined;
  sort?: string | undefined;
  order?: string | undefined;
  source?: SourceSelector | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
};

const ProjectPage = pageOf(ProjectView);
const TeamPage = pageOf(TeamView);
const UserPage = pageOf(UserView);
const project = inside("project", ProjectView);
const members = inside("members", arrayOf(TeamMemberView));
const MissionPage = pageOf(MissionView);
const TaskPage = pageOf(TaskView);
const missionDetail = inside("mission", MissionDetailView);
const task = inside("task", TaskView);
const milestone = inside("milestone", MilestoneView);

export function endpoints(client: Client) {
  return {
    ...brainEndpoints(client),
    auth: {
      status: () => client.get("/api/auth/status", AuthStatusResponse),
      me: () => client.get("/api/me", MeResponse, { expectUnauthenticated: true }),
      signUp: (body: SignUpBody) => client.post("/api/auth/sign-up", SessionResponse, { body }),
      signIn: (body: SignInBody) =>
        client.post("/api/auth/sign-in", SessionResponse, { body, expectUnauthenticated: true }),
      signOut: () => client.postEmpty("/api/auth/sign-out", { expectUnauthenticated: true }),
    },
    projects: {
      list: (q: { status?: ProjectStatus; teamId?: string; cursor?: string; limit?: number }) =>
        client.get("/api/projects", ProjectPage, { query: q }),
      get: (projectId: string) => client.get(`/api/projects/${id(projectId)}`, project),
      create: (body: ProjectCreateBody) => client.post("/api/projects", project, { body }),
      update: (projectId: string, body: { name?: string; description?: string }) =>
        client.patch(`/api/projects/${id(projectId)}`, project, { body }),
      archive: (projectId: string) => client.post(`/api/projects/${id(projectId)}/archive`, project),
      unarchive: (projectId: string) => client.post(`/api/projects/${id(projectId)}/unarchive`, project),
      remove: (projectId: string) => client.del(`/api/projects/${id(projectId)}`),
    },
    teams: {
      list: (q: { cursor?: string; limit?: number } = {}) => client.get("/api/teams", TeamPage, { query: q }),
      get: (teamId: string) => client.get(`/api/teams/${id(teamId)}`, TeamDetailResponse),
      create: (name: string) => client.post("/api/teams", inside("team", TeamView), { body: { name } }),
      rename: (teamId: string, name: string) =>
        client.patch(`/api/teams/${id(teamId)}`, inside("team", TeamView), { body: { name } }),
      remove: (teamId: string) => client.del(`/api/teams/${id(teamId)}`),
      addMember: (teamId: string, body: { email: string; role: TeamRole }) =>
        client.post(`/api/teams/${id(teamId)}/members`, members, { body }),
      setRole: (teamId: string, userId: string, role: TeamRole) =>
        client.patch(`/api/teams/${id(teamId)}/members/${id(userId)}`, members, { body: { role } }),
      removeMember: (teamId: string, userId: string) => client.del(`/api/teams/${id(teamId)}/members/${id(userId)}`),
      leave: (teamId: string) => client.postEmpty(`/api/teams/${id(teamId)}/leave`),
    },
    missions: {
      list: (projectId: string, q: { status?: MissionStatus; cursor?: string; limit?: number } = {}) =>
        client.get(`/api/projects/${id(projectId)}/missions`, MissionPage, { query: q }),
      get: (missionId: string) => client.get(`/api/missions/${id(missionId)}`, missionDetail),
      /** The TASKS.md file as text; a malformed one is a 400 whose details name each `line.N`. */
      importMarkdown: (projectId: string, markdown: string) =>
        client.post(`/api/projects/${id(projectId)}/missions/import`, missionDetail, { body: { markdown } }),
      /** Same-origin URL of the canonical TASKS.md (the browser downloads it with the session cookie). */
      exportUrl: (missionId: string) => `/api/missions/${id(missionId)}/export`,
      create: (projectId: string, body: MissionCreateBody) =>
        client.post(`/api/projects/${id(projectId)}/missions`, inside("mission", MissionView), { body }),
      update: (missionId: string, body: MissionUpdateBody) =>
        client.patch(`/api/missions/${id(missionId)}`, inside("mission", MissionView), { body }),
      remove: (missionId: string) => client.del(`/api/missions/${id(missionId)}`),
      addMilestone: (missionId: string, body: MilestoneCreateBody) =>
        client.post(`/api/missions/${id(missionId)}/milestones`, milestone, { body }),
      updateMilestone: (milestoneId: string, body: MilestoneUpdateBody) =>
        client.patch(`/api/milestones/${id(milestoneId)}`, milestone, { body }),
      removeMilestone: (milestoneId: string) => client.del(`/api/milestones/${id(milestoneId)}`),
    },
    tasks: {
      list: (projectId: string, q: Partial<Record<keyof TaskListQuery, string | number | undefined>>) =>
        client.get(`/api/projects/${id(projectId)}/tasks`, TaskPage, { query: q }),
      move: (taskId: string, status: TaskStatus) =>
        client.post(`/api/tasks/${id(taskId)}/move`, task, { body: { status } }),
      /** `source` reads a peer's task (`federated:<peer>`); the answer is tagged with where it came from. */
      get: (taskId: string, source?: SourceSelector) =>
        client.get(`/api/tasks/${id(taskId)}`, inside("task", SourcedTask), { query: { source } }),
      /** Every task the caller can read across projects, and across peers with `source`. */
      all: (q: AllTasksQuery) => client.get("/api/tasks", SourcedTaskPage, { query: q }),
      create: (projectId: string, body: TaskCreateBody) =>
        client.post(`/api/projects/${id(projectId)}/tasks`, task, { body }),
      update: (taskId: string, body: TaskUpdateBody) => client.patch(`/api/tasks/${id(taskId)}`, task, { body }),
      remove: (taskId: string) => client.del(`/api/tasks/${id(taskId)}`),
    },
    federation: federationEndpoints(client),
    tokens: {
      list: () => client.get("/api/tokens", TokenListResponse),
      create: (body: TokenCreateBody) => client.post("/api/tokens", TokenCreatedResponse, { body }),
      revoke: (tokenId: string) => client.del(`/api/tokens/${id(tokenId)}`),
    },
    admin: {
      users: (q: { cursor?: string; limit?: number } = {}) => client.get("/api/admin/users", UserPage, { query: q }),
      disable: (userId: string) => client.post(`/api/admin/users/${id(userId)}/disable`, inside("user", UserView)),
      enable: (userId: string) => client.post(`/api/admin/users/${id(userId)}/enable`, inside("user", UserView)),
    },
  };
}

export type Api = ReturnType<typeof endpoints>;
