/** @module TASKS.md import/export over the HTTP API: byte-exact round trips, all-or-nothing import, API edits exported. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../../test/actors.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../../packages/brain/src/missions/fixtures/${name}`, import.meta.url), "utf8");

let gw: TestGateway;
let A: TestUser;
let projectId: string;

async function call(method: string, url: string, payload?: unknown) {
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: A.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function counts(): Promise<Record<string, number>> {
  const [row] = await gw.store.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM missions) AS missions, (SELECT count(*)::int FROM milestones) AS milestones,
            (SELECT count(*)::int FROM tasks) AS tasks`,
  );
  return row ?? {};
}

async function importMarkdown(markdown: string) {
  return call("POST", `/api/projects/${projectId}/missions/import`, { markdown });
}

async function exportMission(id: string) {
  const res = await call("GET", `/api/missions/${id}/export`);
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/markdown/);
  return res.body;
}

beforeAll(async () => {
  gw = await testGateway();
  A = await signUp(gw.app, "a");
  projectId = (await call("POST", "/api/projects", { name: "fed" })).json().project.id;
});

afterAll(async () => {
  await gw.close();
});

describe("importing the realistic fixture", () => {
  const source = fixture("mission.tasks.md");

  it("stores 3 milestones and 30 tasks, keeps extra columns and resolves depends_on to task ids", async () => {
    const res = await importMarkdown(source);
    expect(res.statusCode).toBe(201);
    const mission = res.json().mission;
    expect(mission.title).toBe("Mission: Federation v1 — one brain across gateways");
    expect(mission.extraColumns).toEqual(["reviewer", "risk"]);
    expect(mission.milestones.map((m: { externalId: string }) => m.externalId)).toEqual(["FED-M1", "FED-M2", "FED-M3"]);
    expect(mission.tasks).toHaveLength(30);
    const byExternal = new Map(mission.tasks.map((t: { externalId: string; id: string }) => [t.externalId, t]));
    const m102 = byExternal.get("FED-M1-02") as { dependsOn: string[]; extra: object; title: string };
    expect(m102.dependsOn).toEqual([(byExternal.get("FED-M1-01") as { id: string }).id]);
    expect(m102.extra).toEqual({ reviewer: "jana", risk: "medium" });
    expect(m102.title).toBe("Issue client certificates with otherName SANs (grantId | subjectUserId)");
    const first = mission.milestones[0];
    expect(first.progress).toEqual({ done: 3, total: 10 });
    expect(mission.progress.total).toBe(30);
    expect(mission.progress.done).toBe(mission.tasks.filter((t: { status: string }) => t.status === "done").length);
  });

  it("exports the same bytes it imported, and import → export is stable", async () => {
    const id = (await importMarkdown(source)).json().mission.id;
    const exported = await exportMission(id);
    expect(exported).toBe(source);
    const again = (await importMarkdown(exported)).json().mission.id;
    expect(await exportMission(again)).toBe(exported);
  });

  it("normalises a lenient file to the documented canonical form", async () => {
    const res = await importMarkdown(fixture("lenient.tasks.md"));
    expect(res.statusCode).toBe(201);
    expect(await exportMission(res.json().mission.id)).toBe(fixture("lenient.canonical.md"));
  });
});

describe("a malformed file imports nothing", () => {
  it("answers 400 validation_error with every problem as line.N, and writes no row", async () => {
    const before = await counts();
    const res = await importMarkdown(fixture("malformed.tasks.md"));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("validation_error");
    expect(error.message).toMatch(/nothing was imported/);
    expect(error.details.length).toBeGreaterThan(5);
    for (const detail of error.details) expect(detail.path).toMatch(/^line\.\d+$/);
    expect(error.details).toContainEqual({ path: "line.14", message: expect.stringMatching(/finished/) });
    expect(await counts()).toEqual(before);
  });

  it("one bad row in an otherwise good file also imports nothing", async () => {
    const before = await counts();
    const broken = fixture("mission.tasks.md").replace("| FED-M2-03 | not-started |", "| FED-M2-03 | wip |");
    const res = await importMarkdown(broken);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toHaveLength(1);
    expect(res.json().error.details[0].path).toMatch(/^line\.\d+$/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["missing markdown", {}, "body.markdown"],
    ["markdown of the wrong type", { markdown: 42 }, "body.markdown"],
    ["empty markdown", { markdown: "" }, "body.markdown"],
    ["oversized markdown", { markdown: "x".repeat(500_001) }, "body.markdown"],
    ["a NUL character", { markdown: "# a\u0000b" }, "body.markdown"],
    ["an unknown field", { markdown: "# a", projectId: "x" }, "body"],
    ["a bad status", { markdown: "# a", status: "done" }, "body.status"],
  ])("bad body: %s → 400, nothing written", async (_label, payload, path) => {
    const before = await counts();
    const res = await call("POST", `/api/projects/${projectId}/missions/import`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await counts()).toEqual(before);
  });
});

describe("changes made through the API export correctly", () => {
  it("task edits, new tasks and milestones, reordering and deletions show up in a re-importable export", async () => {
    const mission = (await importMarkdown(fixture("mission.tasks.md"))).json().mission;
    const byExternal = new Map(mission.tasks.map((t: { externalId: string; id: string }) => [t.externalId, t.id]));
    const edit = await call("PATCH", `/api/tasks/${byExternal.get("FED-M1-06")}`, {
      status: "blocked",
      title: "Enrollment listener | on :4244\nwith a line break",
      assignee: "李雷",
      notes: null,
    });
    expect(edit.statusCode).toBe(200);
    const milestone = await call("POST", `/api/missions/${mission.id}/milestones`, {
      title: "Launch",
      goal: "Ship it",
      description: "## not a heading in the file",
    });
    expect(milestone.statusCode).toBe(201);
    expect(milestone.json().milestone).toMatchObject({ ordinal: 4, externalId: "M4" });
    const created = await call("POST", `/api/projects/${projectId}/tasks`, {
      title: "Announce",
      milestoneId: milestone.json().milestone.id,
      dependsOn: [byExternal.get("FED-M1-06")],
    });
    expect(created.statusCode).toBe(201);
    const newId = created.json().task.externalId;
    expect(newId).toMatch(/^T-[0-9a-f]{8}$/);
    const order = [milestone.json().milestone.id, ...mission.milestones.map((m: { id: string }) => m.id)];
    expect(
      (await call("PUT", `/api/missions/${mission.id}/milestones/order`, { milestoneIds: order })).statusCode,
    ).toBe(200);
    expect((await call("DELETE", `/api/tasks/${byExternal.get("FED-M1-01")}`)).statusCode).toBe(204);

    const exported = await exportMission(mission.id);
    expect(exported).toContain("## Milestone 1 — Launch (M4)\n\nGoal: Ship it\n\n\\## not a heading in the file");
    expect(exported).toContain(`| ${newId} | not-started | Announce | | | | FED-M1-06 | | | | |`);
    expect(exported).toContain(
      "| FED-M1-06 | blocked | Enrollment listener \\| on :4244 with a line break | | 李雷 | fed/enroll | FED-M1-05 | 3h | | | medium |",
    );
    expect(exported).not.toContain("FED-M1-01");
    expect(exported).toContain("## Milestone 2 — PKI & enrollment (FED-M1)");
    // The export is a valid TASKS.md: it imports and exports to the same bytes.
    const reimported = await importMarkdown(exported);
    expect(reimported.statusCode).toBe(201);
    expect(await exportMission(reimported.json().mission.id)).toBe(exported);
  });
});
