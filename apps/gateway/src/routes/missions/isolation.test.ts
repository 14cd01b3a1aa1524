/**
 * @module Isolation matrix for missions, milestones and tasks: users A, B, C; team X (A owner, C
 * member), team Y (B owner); every resource × {own, same team, other team, other user's personal}
 * × {read, list, update, delete} answers exactly as docs/ACCESS.md says, and foreign content never
 * appears in any response.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

let gw: TestGateway;
const users: Record<string, TestUser> = {};
/** Per project key: project, mission, milestone and task ids. */
const ids: Record<string, { project: string; mission: string; milestone: string; task: string }> = {};
const canary: Record<string, string> = {};

async function call(user: TestUser, method: string, url: string, payload?: unknown) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: user.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const user = (name: string): TestUser => {
  const u = users[name];
  if (!u) throw new Error(`no user ${name}`);
  return u;
};
const idsOf = (key: string) => {
  const found = ids[key];
  if (!found) throw new Error(`no project ${key}`);
  return found;
};

beforeAll(async () => {
  gw = await testGateway();
  for (const name of ["A", "B", "C"]) users[name] = await signUp(gw.app, name.toLowerCase());
  const teamX = (await call(user("A"), "POST", "/api/teams", { name: "X" })).json().team.id;
  const teamY = (await call(user("B"), "POST", "/api/teams", { name: "Y" })).json().team.id;
  expect((await call(user("A"), "POST", `/api/teams/${teamX}/members`, { email: user("C").email })).statusCode).toBe(
    201,
  );
  const make = async (key: string, owner: string, teamId?: string) => {
    const secret = `canary-${key}-${randomUUID()}`;
    canary[key] = secret;
    const u = user(owner);
    const project = (await call(u, "POST", "/api/projects", { name: `p-${key}`, ...(teamId ? { teamId } : {}) })).json()
      .project.id;
    const imported = await call(u, "POST", `/api/projects/${project}/missions/import`, {
      markdown: `# ${secret} mission\n\nGoal: ${secret} goal\n\n## Milestone 1 — ${secret} (M1)\n\n| id | status | description |\n| --- | --- | --- |\n| T-1 | done | ${secret} task |\n`,
    });
    expect(imported.statusCode).toBe(201);
    const mission = imported.json().mission;
    ids[key] = { project, mission: mission.id, milestone: mission.milestones[0].id, task: mission.tasks[0].id };
  };
  await make("pA", "A");
  await make("pB", "B");
  await make("pC", "C");
  await make("pX", "A", teamX);
  await make("pY", "B", teamY);
});

afterAll(async () => {
  await gw.close();
});

type Cell = { who: string; project: string; relation: string; read: number; write: number; deleteMission: number };
const OK = { read: 200, write: 200 };
const HIDDEN = { read: 404, write: 404, deleteMission: 404 };
// Tasks and milestones: any member writes. Deleting a mission: the personal owner or a team owner/admin.
const matrix: Cell[] = [
  { who: "A", project: "pA", relation: "own", ...OK, deleteMission: 204 },
  { who: "A", project: "pX", relation: "same team (owner)", ...OK, deleteMission: 204 },
  { who: "A", project: "pY", relation: "other team", ...HIDDEN },
  { who: "A", project: "pB", relation: "other user's personal", ...HIDDEN },
  { who: "C", project: "pC", relation: "own", ...OK, deleteMission: 204 },
  { who: "C", project: "pX", relation: "same team (member)", ...OK, deleteMission: 403 },
  { who: "C", project: "pY", relation: "other team", ...HIDDEN },
  { who: "C", project: "pA", relation: "other user's personal", ...HIDDEN },
  { who: "B", project: "pB", relation: "own", ...OK, deleteMission: 204 },
  { who: "B", project: "pY", relation: "same team (owner)", ...OK, deleteMission: 204 },
  { who: "B", project: "pX", relation: "other team", ...HIDDEN },
  { who: "B", project: "pC", relation: "other user's personal", ...HIDDEN },
];

function expectStatus(
  res: { statusCode: number; body: string; json(): { error?: { code: string } } },
  expected: number,
  cell: Cell,
  label: string,
) {
  expect(res.statusCode, `${cell.who} → ${cell.project} (${cell.relation}): ${label}`).toBe(expected);
  if (expected === 404) expect(res.json().error?.code).toBe("not_found");
  if (expected === 403) expect(res.json().error?.code).toBe("forbidden");
  if (expected >= 400) expect(res.body).not.toContain(canary[cell.project]);
}

describe("missions, milestones and tasks isolation matrix", () => {
  it.each(matrix)("$who on $project ($relation): read and list → $read", async (cell) => {
    const u = user(cell.who);
    const p = idsOf(cell.project);
    const reads = [
      ["GET mission", `/api/missions/${p.mission}`],
      ["GET export", `/api/missions/${p.mission}/export`],
      ["GET task", `/api/tasks/${p.task}`],
      ["list missions", `/api/projects/${p.project}/missions`],
      ["list tasks", `/api/projects/${p.project}/tasks`],
    ] as const;
    for (const [label, url] of reads) {
      const res = await call(u, "GET", url);
      expectStatus(res, cell.read, cell, label);
      if (cell.read === 200) expect(res.body).toContain(canary[cell.project]);
    }
  });

  it.each(matrix)("$who on $project ($relation): update → $write", async (cell) => {
    const u = user(cell.who);
    const p = idsOf(cell.project);
    const writes = [
      ["PATCH mission", "PATCH", `/api/missions/${p.mission}`, { goal: `edited by ${cell.who}` }],
      ["POST milestone", "POST", `/api/missions/${p.mission}/milestones`, { title: `by ${cell.who}` }],
      ["PATCH milestone", "PATCH", `/api/milestones/${p.milestone}`, { goal: `edited by ${cell.who}` }],
      ["reorder milestones", "PUT", `/api/missions/${p.mission}/milestones/order`, { milestoneIds: [p.milestone] }],
      ["PATCH task", "PATCH", `/api/tasks/${p.task}`, { notes: `edited by ${cell.who}` }],
      ["move task", "POST", `/api/tasks/${p.task}/move`, { status: "done" }],
      ["create mission", "POST", `/api/projects/${p.project}/missions`, { title: `by ${cell.who}` }],
      ["create task", "POST", `/api/projects/${p.project}/tasks`, { title: `by ${cell.who}` }],
      [
        "import mission",
        "POST",
        `/api/projects/${p.project}/missions/import`,
        { markdown: "## Milestone 1 — x (M1)\n" },
      ],
    ] as const;
    for (const [label, method, url, body] of writes) {
      const res = await call(u, method, url, body);
      const expected =
        cell.write === 200 && (label.startsWith("create") || label.startsWith("import") || label === "POST milestone")
          ? 201
          : cell.write;
      // Reordering one of two milestones (the POST above added one) is a 400 for those who may write.
      if (label === "reorder milestones" && cell.write === 200) {
        expect(res.statusCode).toBe(400);
        continue;
      }
      expectStatus(res, expected, cell, label);
    }
  });

  it("a refused update changes nothing", async () => {
    const p = idsOf("pA");
    for (const [url, body] of [
      [`/api/missions/${p.mission}`, { title: "pwned" }],
      [`/api/tasks/${p.task}`, { title: "pwned" }],
      [`/api/milestones/${p.milestone}`, { title: "pwned" }],
    ] as const) {
      expect((await call(user("B"), "PATCH", url, body)).statusCode).toBe(404);
    }
    const mission = (await call(user("A"), "GET", `/api/missions/${p.mission}`)).json().mission;
    expect(mission.title).not.toBe("pwned");
    expect(mission.milestones[0].title).not.toBe("pwned");
    expect(mission.tasks[0].title).not.toBe("pwned");
  });

  it("foreign ids in bodies are rejected without revealing anything", async () => {
    const mine = idsOf("pA");
    const theirs = idsOf("pB");
    const answers = [
      await call(user("A"), "POST", `/api/projects/${mine.project}/tasks`, { title: "x", dependsOn: [theirs.task] }),
      await call(user("A"), "POST", `/api/projects/${mine.project}/tasks`, {
        title: "x",
        milestoneId: theirs.milestone,
      }),
      await call(user("A"), "PATCH", `/api/tasks/${mine.task}`, { milestoneId: theirs.milestone }),
      await call(user("A"), "PUT", `/api/missions/${mine.mission}/milestones/order`, {
        milestoneIds: [theirs.milestone],
      }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain(canary.pB);
    }
  });

  it("deletes follow the rules: tasks and milestones by any member, missions by owners only", async () => {
    // Refusals first, so every object still exists when someone not allowed tries.
    const ordered = [...matrix].sort((x, y) => Number(x.deleteMission === 204) - Number(y.deleteMission === 204));
    for (const cell of ordered) {
      const p = idsOf(cell.project);
      const res = await call(user(cell.who), "DELETE", `/api/missions/${p.mission}`);
      expectStatus(res, cell.deleteMission, cell, "DELETE mission");
    }
    // Every mission is gone now (each project had an owner in the matrix); tasks of new missions:
    for (const cell of matrix) {
      const p = idsOf(cell.project);
      const owner = user(cell.project === "pX" ? "A" : cell.project === "pY" ? "B" : cell.project.slice(1));
      const task = (
        await call(owner, "POST", `/api/projects/${p.project}/tasks`, { title: canary[cell.project] })
      ).json().task;
      const res = await call(user(cell.who), "DELETE", `/api/tasks/${task.id}`);
      expectStatus(res, cell.write === 200 ? 204 : 404, cell, "DELETE task");
      if (cell.write !== 200) await call(owner, "DELETE", `/api/tasks/${task.id}`);
    }
  });

  it("milestone deletes: 404 for outsiders, 409 while it holds tasks, 204 when empty", async () => {
    const owner = user("A");
    const mission = (await call(owner, "POST", `/api/projects/${idsOf("pX").project}/missions`, { title: "m" })).json()
      .mission;
    const milestone = (await call(owner, "POST", `/api/missions/${mission.id}/milestones`, { title: "m1" })).json()
      .milestone;
    const task = (
      await call(owner, "POST", `/api/projects/${idsOf("pX").project}/tasks`, { title: "t", milestoneId: milestone.id })
    ).json().task;
    expect((await call(user("B"), "DELETE", `/api/milestones/${milestone.id}`)).statusCode).toBe(404);
    expect((await call(user("C"), "DELETE", `/api/milestones/${milestone.id}`)).statusCode).toBe(409);
    expect((await call(owner, "DELETE", `/api/tasks/${task.id}`)).statusCode).toBe(204);
    expect((await call(user("C"), "DELETE", `/api/milestones/${milestone.id}`)).statusCode).toBe(204);
    expect((await call(owner, "DELETE", `/api/milestones/${milestone.id}`)).statusCode).toBe(404);
  });

  it("unknown ids are 404 like foreign ones", async () => {
    for (const url of [
      `/api/missions/${randomUUID()}`,
      `/api/tasks/${randomUUID()}`,
      `/api/projects/${randomUUID()}/tasks`,
    ]) {
      expect((await call(user("A"), "GET", url)).statusCode).toBe(404);
    }
  });
});
