/** E2E: `mosaic mission …` and `mosaic task …` with the built CLI against a real gateway: TASKS.md round trip, the dependency rule, failures. */
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MissionDetailView, MissionView, ProjectView, pageOf, TaskView, TeamView } from "@mosaic/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseEnv, type GatewayProcess, runCli, startGateway, tempHome } from "../../../test/support/cli.js";
import { type CliUser, expectFailure, GATEWAY_START_MS, jsonOf, outputs, SETUP_MS, signUpUser } from "./actors.js";

const FIXTURES = resolve(import.meta.dirname, "../../../packages/brain/src/missions/fixtures");
const MISSION_MD = resolve(FIXTURES, "mission.tasks.md");
const MALFORMED_MD = resolve(FIXTURES, "malformed.tasks.md");

const MissionPage = pageOf(MissionView);
const TaskPage = pageOf(TaskView);
const Detail = z.object({ mission: MissionDetailView });
const MissionResponse = z.object({ mission: MissionView });
const TaskResponse = z.object({ task: TaskView });

let gw: GatewayProcess;
let owner: CliUser;
let stranger: CliUser;

beforeAll(async () => {
  gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS);
  owner = await signUpUser(gw.url, "planner");
  stranger = await signUpUser(gw.url, "stranger");
}, SETUP_MS);

afterAll(async () => {
  for (const text of outputs) for (const u of [owner, stranger]) expect(text).not.toContain(u.token());
  await gw?.stop();
});

async function newProject(user: CliUser, name: string): Promise<string> {
  const res = jsonOf(await user.run(["project", "create", name, "--json"]));
  return z.object({ project: ProjectView }).parse(res).project.id;
}

async function createTask(user: CliUser, projectId: string, extra: string[]): Promise<TaskView> {
  return TaskResponse.parse(jsonOf(await user.run(["task", "create", "--project", projectId, ...extra, "--json"])))
    .task;
}

describe("mission commands", () => {
  it("import then export of the fixture round-trips byte-for-byte, and show draws progress and blocked tasks", async () => {
    const projectId = await newProject(owner, "Federation");
    const imported = await owner.run(["mission", "import", MISSION_MD, "--project", projectId]);
    expect(imported.code).toBe(0);
    const id = imported.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(imported.stderr).toMatch(
      /^imported "Mission: Federation v1 — one brain across gateways": 3 milestones, 30 tasks\n$/,
    );

    const exported = await owner.run(["mission", "export", id]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe("");
    expect(exported.stdout).toBe(readFileSync(MISSION_MD, "utf8"));

    const shown = await owner.run(["mission", "show", id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/FED-M1 PKI & enrollment\s+███░░░░░░░ 3\/10\n/);
    expect(shown.stdout).toMatch(/FED-M2 Verbs & scope pipeline\s+░░░░░░░░░░ 0\/10\n/);
    expect(shown.stdout).toContain("  FED-M1-06 [not-started] waits for FED-M1-05 (in-progress)\n");
    // A done task is never listed as blocked, whatever its dependencies.
    expect(shown.stdout).not.toMatch(/FED-M1-02 \[/);

    const detail = Detail.parse(jsonOf(await owner.run(["mission", "show", id, "--json"]))).mission;
    expect(detail.milestones.map((m) => m.externalId)).toEqual(["FED-M1", "FED-M2", "FED-M3"]);
    const asJson = z
      .object({ id: z.string(), markdown: z.string() })
      .parse(jsonOf(await owner.run(["mission", "export", id, "--json"])));
    expect(asJson).toEqual({ id, markdown: readFileSync(MISSION_MD, "utf8") });

    const list = MissionPage.parse(jsonOf(await owner.run(["mission", "list", "--project", projectId, "--json"])));
    expect(list.items.map((m) => m.id)).toEqual([id]);
  });

  it("imports from stdin with -, and --json prints the detail the contracts describe", async () => {
    const projectId = await newProject(owner, "From stdin");
    const markdown = readFileSync(MISSION_MD, "utf8");
    const res = await owner.run(
      ["mission", "import", "-", "--project", projectId, "--status", "planning", "--json"],
      markdown,
    );
    const { mission } = Detail.parse(jsonOf(res));
    expect(mission.status).toBe("planning");
    expect(mission.tasks.length).toBeGreaterThan(20);
    const tasks = TaskPage.parse(
      jsonOf(await owner.run(["task", "list", "--project", projectId, "--mission", mission.id, "--all", "--json"])),
    );
    expect(tasks.items).toHaveLength(mission.tasks.length);
  });

  it("a malformed file prints each bad line, exits 2 and imports nothing", async () => {
    const projectId = await newProject(owner, "Broken");
    const res = await owner.run(["mission", "import", MALFORMED_MD, "--project", projectId]);
    expectFailure(res, 2, /nothing was imported/);
    const lines = [...res.stderr.matchAll(/malformed\.tasks\.md: line (\d+): /g)].map((m) => Number(m[1]));
    // Every problem the parser finds in the fixture (packages/brain's tasksMdErrors.test.ts), in file order.
    expect(lines).toEqual([3, 13, 14, 15, 16, 17, 18, 20, 23, 25, 27, 34, 38, 41, 45]);
    expect(res.stderr).toContain("line 15: duplicate task id 'BRK-01' (first used on line 12)");
    const list = MissionPage.parse(jsonOf(await owner.run(["mission", "list", "--project", projectId, "--json"])));
    expect(list.items).toEqual([]);
    const tasks = TaskPage.parse(jsonOf(await owner.run(["task", "list", "--project", projectId, "--json"])));
    expect(tasks.items).toEqual([]);
  });

  it("create, update and delete a mission; an unreadable file is a usage error", async () => {
    const projectId = await newProject(owner, "Plans");
    const created = MissionResponse.parse(
      jsonOf(
        await owner.run(["mission", "create", "--project", projectId, "--title", "Q3", "--goal", "ship", "--json"]),
      ),
    ).mission;
    expect(created).toMatchObject({ title: "Q3", goal: "ship", status: "active", projectId });
    const updated = MissionResponse.parse(
      jsonOf(await owner.run(["mission", "update", created.id, "--status", "completed", "--json"])),
    ).mission;
    expect(updated).toMatchObject({ id: created.id, title: "Q3", status: "completed" });
    expectFailure(await owner.run(["mission", "update", created.id]), 2, /nothing to update/);
    expectFailure(await owner.run(["mission", "delete", created.id]), 2, /refusing to delete without confirmation/);
    expect(jsonOf(await owner.run(["mission", "delete", created.id, "--yes", "--json"]))).toEqual({
      id: created.id,
      deleted: true,
    });
    expectFailure(await owner.run(["mission", "show", created.id]), 4, /not found/);
    expectFailure(
      await owner.run(["mission", "import", "no-such-file.md", "--project", projectId]),
      2,
      /cannot read no-such-file\.md \(ENOENT\)/,
    );
  });

  it("a file over the import limit is refused (exit 2) naming the field, and nothing is imported", async () => {
    const projectId = await newProject(owner, "Too big");
    const file = join(owner.home, "huge.tasks.md");
    // Over the 500,000-character markdown limit but under the 1 MiB body limit: the contract's 400.
    writeFileSync(file, `${readFileSync(MISSION_MD, "utf8")}\n${"x".repeat(520_000)}\n`);
    expectFailure(await owner.run(["mission", "import", file, "--project", projectId]), 2, /body\.markdown: Too big/);
    const list = MissionPage.parse(jsonOf(await owner.run(["mission", "list", "--project", projectId, "--json"])));
    expect(list.items).toEqual([]);
  });

  it("in a team project a member imports and edits, but deleting the mission is 403 (exit 7)", async () => {
    const team = z.object({ team: TeamView }).parse(jsonOf(await owner.run(["team", "create", "Planners", "--json"])));
    expect((await owner.run(["team", "member", "add", team.team.id, stranger.email])).code).toBe(0);
    const projectId = z
      .object({ project: ProjectView })
      .parse(jsonOf(await owner.run(["project", "create", "Shared plans", "--team", team.team.id, "--json"])))
      .project.id;
    const imported = await stranger.run(["mission", "import", MISSION_MD, "--project", projectId]);
    expect(imported.code).toBe(0);
    const missionId = imported.stdout.trim();
    expect((await stranger.run(["mission", "update", missionId, "--goal", "edited by a member"])).code).toBe(0);
    expectFailure(
      await stranger.run(["mission", "delete", missionId, "--yes"]),
      7,
      /you can't delete this mission \(a project owner or team owner\/admin can\)/,
    );
    expect((await owner.run(["mission", "delete", missionId, "--yes"])).code).toBe(0);
  });

  it("someone else's mission and an unknown id are 404 (exit 4)", async () => {
    const projectId = await newProject(owner, "Private plans");
    const { mission } = Detail.parse(
      jsonOf(await owner.run(["mission", "import", MISSION_MD, "--project", projectId, "--json"])),
    );
    for (const args of [
      ["mission", "show", mission.id],
      ["mission", "export", mission.id],
      ["mission", "update", mission.id, "--title", "mine now"],
      ["mission", "list", "--project", projectId],
      ["mission", "import", MISSION_MD, "--project", projectId],
    ]) {
      expectFailure(await stranger.run(args), 4, /not found/);
    }
    expectFailure(await owner.run(["mission", "export", randomUUID()]), 4, /not found/);
  });
});

describe("task commands", () => {
  it("moving to in-progress with an unfinished dependency exits 5 naming the blocker; done unblocks it", async () => {
    const projectId = await newProject(owner, "Kanban");
    const first = await createTask(owner, projectId, ["--title", "Write docs", "--external-id", "DOC-1"]);
    const second = await createTask(owner, projectId, ["--title", "Publish", "--depends-on", first.id]);
    expect(second.dependsOn).toEqual([first.id]);

    expectFailure(
      await owner.run(["task", "move", second.id, "in-progress"]),
      5,
      /"Publish" can't be in progress while its dependency DOC-1 \(not-started\) is not done/,
    );
    expect(TaskResponse.parse(jsonOf(await owner.run(["task", "show", second.id, "--json"]))).task.status).toBe(
      "not-started",
    );

    const done = await owner.run(["task", "move", first.id, "done"]);
    expect(done).toEqual({ code: 0, stdout: "DOC-1 is now done\n", stderr: "" });
    const moved = TaskResponse.parse(jsonOf(await owner.run(["task", "move", second.id, "in-progress", "--json"])));
    expect(moved.task.status).toBe("in-progress");
  });

  it("create, list with filters, show, update and delete", async () => {
    const projectId = await newProject(owner, "Chores");
    const a = await createTask(owner, projectId, [
      "--title",
      "Fix the fence",
      "--assignee",
      "ada",
      "--priority",
      "high",
    ]);
    await createTask(owner, projectId, ["--title", "Paint the shed", "--status", "done"]);

    const byAssignee = TaskPage.parse(
      jsonOf(await owner.run(["task", "list", "--project", projectId, "--assignee", "ada", "--json"])),
    );
    expect(byAssignee.items.map((t) => t.id)).toEqual([a.id]);
    const byText = TaskPage.parse(
      jsonOf(await owner.run(["task", "list", "--project", projectId, "-q", "shed", "--status", "done", "--json"])),
    );
    expect(byText.items.map((t) => t.title)).toEqual(["Paint the shed"]);
    const table = await owner.run(["task", "list", "--project", projectId, "--sort", "priority"]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+REF\s+STATUS\s+PRIORITY\s+ASSIGNEE\s+TITLE$/);
    expect(table.stdout.split("\n")[1]).toContain("Fix the fence");

    // The "more:" hint is a command that continues the same sorted list (a cursor is tied to its sort).
    const firstPage = await owner.run(["task", "list", "--project", projectId, "--sort", "priority", "--limit", "1"]);
    const hint = /^more: mosaic (.+) {2}\(or --all\)$/m.exec(firstPage.stderr)?.[1];
    expect(hint).toContain("--sort priority");
    const next = TaskPage.parse(jsonOf(await owner.run([...String(hint).split(" "), "--json"])));
    expect(next.items.map((t) => t.title)).toEqual(["Paint the shed"]);

    const updated = TaskResponse.parse(
      jsonOf(await owner.run(["task", "update", a.id, "--assignee", "", "--due", "2026-12-01", "--json"])),
    ).task;
    expect(updated).toMatchObject({ id: a.id, assignee: null, dueDate: "2026-12-01", title: "Fix the fence" });
    const shown = await owner.run(["task", "show", a.id]);
    expect(shown.stdout).toMatch(/due\s+2026-12-01/);

    expect(jsonOf(await owner.run(["task", "delete", a.id, "--yes", "--json"]))).toEqual({ id: a.id, deleted: true });
    expectFailure(await owner.run(["task", "show", a.id]), 4, /task not found/);
  });

  it("bad input exits 2 naming the flag or field, and creates nothing", async () => {
    const projectId = await newProject(owner, "Validation");
    expectFailure(
      await owner.run(["task", "create", "--project", projectId, "--title", "x", "--depends-on", "nope"]),
      2,
      /--depends-on must be an id/,
    );
    expectFailure(
      await owner.run(["task", "create", "--project", projectId, "--title", "x", "--depends-on", randomUUID()]),
      2,
      /body\.dependsOn\.0/,
    );
    expectFailure(
      await owner.run(["task", "create", "--project", projectId, "--title", "x", "--due", "tomorrow"]),
      2,
      /body\.dueDate/,
    );
    const badStatus = await owner.run(["task", "move", randomUUID(), "finished"]);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/Allowed choices are not-started, in-progress/);
    const tasks = TaskPage.parse(jsonOf(await owner.run(["task", "list", "--project", projectId, "--json"])));
    expect(tasks.items).toEqual([]);
  });

  it("another person's task is 404 (exit 4); without a login every command exits 6", async () => {
    const projectId = await newProject(owner, "Mine");
    const t = await createTask(owner, projectId, ["--title", "secret"]);
    expectFailure(await stranger.run(["task", "show", t.id]), 4, /not found/);
    expectFailure(await stranger.run(["task", "move", t.id, "done"]), 4, /not found/);
    expectFailure(await stranger.run(["task", "list", "--project", projectId]), 4, /not found/);

    const nobody = baseEnv({ MOSAIC_HOME: tempHome(), MOSAIC_URL: gw.url });
    for (const args of [
      ["task", "list", "--project", projectId],
      ["task", "move", t.id, "done"],
      ["mission", "list", "--project", projectId],
      ["mission", "import", MISSION_MD, "--project", projectId],
    ]) {
      expectFailure(await runCli(args, nobody), 6, /not logged in — run `mosaic login/);
    }
  });

  it("--help says how to use each mission and task command, with examples", async () => {
    const env = baseEnv({ MOSAIC_HOME: tempHome() });
    const commands = [
      ...["list", "show", "create", "update", "delete", "import", "export"].map((s) => ["mission", s]),
      ...["list", "show", "create", "update", "move", "delete"].map((s) => ["task", s]),
    ];
    for (const [group, sub] of commands) {
      const help = await runCli([String(group), String(sub), "--help"], env);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: mosaic ${group} ${sub}`);
      expect(help.stdout).toMatch(new RegExp(`Examples:\\n  \\$ mosaic ${group} ${sub}`));
    }
  });
});
