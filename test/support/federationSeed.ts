/**
 * @module Seeds a gateway's brain for federation tests through its own REST API (no SQL): the
 * grant's subject with a personal project, personal notes and memory; a team owned by another user
 * with the subject as a member and a team project; and an outsider's personal project the subject
 * can never read. Every title names its kind (`personal`, `team`, `outsider`) so a test can tell
 * what leaked at a glance. Works the same over `app.inject` (in-process) and `fetch` (processes).
 */

/** One API call as a user (bearer token); `status` and parsed JSON back. */
export type ApiCall = (
  method: string,
  path: string,
  body: unknown,
  token: string,
) => Promise<{ status: number; json: unknown }>;

export interface SeedUser {
  id: string;
  email: string;
  token: string;
}

export interface SeededBrain {
  subject: SeedUser;
  teamOwner: SeedUser;
  outsider: SeedUser;
  teamId: string;
  projects: { personal: string; team: string; outsider: string };
  missions: { personal: string; team: string; outsider: string };
  tasks: { personal: string[]; team: string[]; outsider: string[] };
  notes: { personal: string[]; personalProject: string[]; team: string[]; outsider: string[] };
  memory: { personal: string[]; team: string[]; outsider: string[] };
}

export interface SeedOptions {
  /** Tasks per project (default 3). */
  tasksPerProject?: number;
  /** Notes/insights per place (default 2). */
  notesPerPlace?: number;
}

async function must<T>(call: ApiCall, method: string, path: string, body: unknown, user: SeedUser, pick: string) {
  const res = await call(method, path, body, user.token);
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`seed ${method} ${path} failed: ${res.status} ${JSON.stringify(res.json)}`);
  }
  return (res.json as Record<string, T>)[pick] as T;
}

/** Seeds the three kinds of data; `subject` must be the grant's subject user. */
export async function seedBrain(
  call: ApiCall,
  users: { subject: SeedUser; teamOwner: SeedUser; outsider: SeedUser },
  options: SeedOptions = {},
): Promise<SeededBrain> {
  const { subject, teamOwner, outsider } = users;
  const nTasks = options.tasksPerProject ?? 3;
  const nNotes = options.notesPerPlace ?? 2;
  const id = (x: { id: string }) => x.id;

  const team = await must<{ id: string }>(call, "POST", "/api/teams", { name: "federated team" }, teamOwner, "team");
  await must(
    call,
    "POST",
    `/api/teams/${team.id}/members`,
    { email: subject.email, role: "member" },
    teamOwner,
    "members",
  );

  const project = (user: SeedUser, name: string, teamId?: string) =>
    must<{ id: string }>(call, "POST", "/api/projects", { name, ...(teamId ? { teamId } : {}) }, user, "project");
  const personal = await project(subject, "personal project");
  const teamProject = await project(teamOwner, "team project", team.id);
  const outsiderProject = await project(outsider, "outsider project");

  const mission = (user: SeedUser, projectId: string, kind: string) =>
    must<{ id: string }>(
      call,
      "POST",
      `/api/projects/${projectId}/missions`,
      { title: `${kind} mission` },
      user,
      "mission",
    );
  const tasks = async (user: SeedUser, projectId: string, kind: string) => {
    const out: string[] = [];
    for (let i = 0; i < nTasks; i++) {
      const body = { title: `${kind} task ${i} searchable`, assignee: i % 2 === 0 ? "alice" : "bob" };
      out.push(id(await must(call, "POST", `/api/projects/${projectId}/tasks`, body, user, "task")));
    }
    return out;
  };
  const notes = async (user: SeedUser, kind: string, projectId?: string) => {
    const out: string[] = [];
    const path = projectId ? `/api/projects/${projectId}/notes` : "/api/notes";
    for (let i = 0; i < nNotes; i++) {
      const body = { title: `${kind} note ${i}`, body: `${kind} body searchable`, tags: [kind] };
      out.push(id(await must(call, "POST", path, body, user, "note")));
    }
    return out;
  };
  const memory = async (user: SeedUser, kind: string, projectId?: string) => {
    const out: string[] = [];
    for (let i = 0; i < nNotes; i++) {
      const body = { text: `${kind} insight ${i} searchable`, category: kind, ...(projectId ? { projectId } : {}) };
      out.push(id(await must(call, "POST", "/api/memory/insights", body, user, "insight")));
    }
    return out;
  };

  return {
    subject,
    teamOwner,
    outsider,
    teamId: team.id,
    projects: { personal: personal.id, team: teamProject.id, outsider: outsiderProject.id },
    missions: {
      personal: id(await mission(subject, personal.id, "personal")),
      team: id(await mission(teamOwner, teamProject.id, "team")),
      outsider: id(await mission(outsider, outsiderProject.id, "outsider")),
    },
    tasks: {
      personal: await tasks(subject, personal.id, "personal"),
      team: await tasks(teamOwner, teamProject.id, "team"),
      outsider: await tasks(outsider, outsiderProject.id, "outsider"),
    },
    notes: {
      personal: await notes(subject, "personal"),
      personalProject: await notes(subject, "personal", personal.id),
      team: await notes(teamOwner, "team", teamProject.id),
      outsider: await notes(outsider, "outsider"),
    },
    memory: {
      personal: await memory(subject, "personal"),
      team: await memory(teamOwner, "team", teamProject.id),
      outsider: await memory(outsider, "outsider"),
    },
  };
}
