/** E2E: `mosaic project …` with the built CLI against a real gateway: happy paths, 404, 403, validation, --json. */
import { randomUUID } from "node:crypto";
import { ProjectView, pageOf, TeamView } from "@mosaic/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseEnv, type GatewayProcess, runCli, startGateway, tempHome } from "../../../test/support/cli.js";
import { type CliUser, expectFailure, GATEWAY_START_MS, jsonOf, outputs, SETUP_MS, signUpUser } from "./actors.js";

const ProjectPage = pageOf(ProjectView);
const ProjectResponse = z.object({ project: ProjectView });

let gw: GatewayProcess;
let owner: CliUser;
let member: CliUser;

beforeAll(async () => {
  gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS);
  owner = await signUpUser(gw.url, "owner");
  member = await signUpUser(gw.url, "member");
}, SETUP_MS);

afterAll(async () => {
  for (const text of outputs) for (const u of [owner, member]) expect(text).not.toContain(u.token());
  await gw?.stop();
});

async function createProject(user: CliUser, name: string, extra: string[] = []) {
  return ProjectResponse.parse(jsonOf(await user.run(["project", "create", name, ...extra, "--json"]))).project;
}

describe("project commands", () => {
  it("create, show, list, update, archive, unarchive and delete a personal project", async () => {
    const created = await createProject(owner, "Home lab", ["-d", "racks and cables"]);
    expect(created).toMatchObject({ name: "Home lab", description: "racks and cables", status: "active" });
    expect(created.owner.kind).toBe("user");

    const shown = await owner.run(["project", "show", created.id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/name\s+Home lab/);
    expect(shown.stdout).toMatch(/owner\s+personal/);

    const table = await owner.run(["project", "list"]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+NAME\s+STATUS\s+OWNER\s+UPDATED$/);
    expect(table.stdout).toContain(created.id);

    const updated = ProjectResponse.parse(
      jsonOf(await owner.run(["project", "update", created.id, "--name", "Home lab v2", "--json"])),
    ).project;
    expect(updated).toMatchObject({ id: created.id, name: "Home lab v2", description: "racks and cables" });

    const archived = ProjectResponse.parse(jsonOf(await owner.run(["project", "archive", created.id, "--json"])));
    expect(archived.project.status).toBe("archived");
    const active = ProjectPage.parse(jsonOf(await owner.run(["project", "list", "--status", "active", "--json"])));
    expect(active.items.map((p) => p.id)).not.toContain(created.id);
    const onlyArchived = ProjectPage.parse(
      jsonOf(await owner.run(["project", "list", "--status", "archived", "--json"])),
    );
    expect(onlyArchived.items.map((p) => p.id)).toEqual([created.id]);
    const back = ProjectResponse.parse(jsonOf(await owner.run(["project", "unarchive", created.id, "--json"])));
    expect(back.project.status).toBe("active");

    const deleted = jsonOf(await owner.run(["project", "delete", created.id, "--yes", "--json"]));
    expect(deleted).toEqual({ id: created.id, deleted: true });
    expectFailure(await owner.run(["project", "show", created.id]), 4, /project not found/);
  });

  it("pages with --limit, prints the next cursor on stderr, and --all follows every page", async () => {
    const user = await signUpUser(gw.url, "pager");
    for (const name of ["p1", "p2", "p3"]) await createProject(user, name);
    const first = await user.run(["project", "list", "--limit", "2"]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split("\n")).toHaveLength(3);
    const cursor = /--cursor (\S+)/.exec(first.stderr)?.[1];
    expect(cursor).toBeTruthy();
    const second = ProjectPage.parse(jsonOf(await user.run(["project", "list", "--cursor", String(cursor), "--json"])));
    expect(second.items.map((p) => p.name)).toEqual(["p1"]);
    const all = ProjectPage.parse(jsonOf(await user.run(["project", "list", "--all", "--json"])));
    expect(all.items.map((p) => p.name)).toEqual(["p3", "p2", "p1"]);
    expect(all.nextCursor).toBeNull();
  });

  it("a team project shows the team's name; a member can edit it but not archive it (403, exit 7)", async () => {
    const team = z.object({ team: TeamView }).parse(jsonOf(await owner.run(["team", "create", "Builders", "--json"])));
    expect((await owner.run(["team", "member", "add", team.team.id, member.email])).code).toBe(0);
    const project = await createProject(owner, "Shared", ["--team", team.team.id]);
    expect(project.owner).toEqual({ kind: "team", teamId: team.team.id });

    const list = await member.run(["project", "list", "--team", team.team.id]);
    expect(list.stdout).toMatch(/Shared\s+active\s+team Builders/);
    expect((await member.run(["project", "update", project.id, "-d", "edited by a member"])).code).toBe(0);

    const denied = await member.run(["project", "archive", project.id]);
    expectFailure(denied, 7, /only the project's owner or a team owner\/admin can/);
    const denied2 = await member.run(["project", "create", "Not mine", "--team", team.team.id]);
    expectFailure(denied2, 7, /only a team owner or admin can create the team's projects/);
  });

  it("someone else's personal project is 404 (exit 4), never revealed", async () => {
    const secret = await createProject(owner, "Private");
    for (const args of [
      ["project", "show", secret.id],
      ["project", "update", secret.id, "--name", "x"],
      ["project", "delete", secret.id, "--yes"],
    ]) {
      expectFailure(await member.run(args), 4, /project not found/);
    }
    expectFailure(await member.run(["project", "show", randomUUID()]), 4, /project not found/);
  });

  it("bad input exits 2 naming the field or flag, and creates nothing", async () => {
    const before = ProjectPage.parse(jsonOf(await owner.run(["project", "list", "--all", "--json"]))).items.length;
    expectFailure(await owner.run(["project", "create", "x".repeat(201)]), 2, /invalid body\n\s+body\.name: Too big/);
    expectFailure(await owner.run(["project", "create", "  "]), 2, /body\.name/);
    expectFailure(await owner.run(["project", "create", "x", "--team", "not-a-uuid"]), 2, /--team must be an id/);
    expectFailure(await owner.run(["project", "show", "42"]), 2, /project id must be an id/);
    expectFailure(await owner.run(["project", "update", randomUUID()]), 2, /nothing to update: pass --name/);
    expectFailure(
      await owner.run(["project", "list", "--limit", "0"]),
      2,
      /--limit must be a whole number from 1 to 100/,
    );
    const badStatus = await owner.run(["project", "list", "--status", "deleted"]);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/Allowed choices are active, archived/);
    const after = ProjectPage.parse(jsonOf(await owner.run(["project", "list", "--all", "--json"]))).items.length;
    expect(after).toBe(before);
  });

  it("delete without --yes and without a terminal refuses (exit 2) and deletes nothing", async () => {
    const project = await createProject(owner, "Keep me");
    expectFailure(
      await owner.run(["project", "delete", project.id]),
      2,
      /refusing to delete without confirmation: pass --yes/,
    );
    expect((await owner.run(["project", "show", project.id])).code).toBe(0);
  });

  it("--help says how to use each project command, with examples", async () => {
    for (const sub of ["list", "show", "create", "update", "archive", "unarchive", "delete"]) {
      const help = await runCli(["project", sub, "--help"], baseEnv({ MOSAIC_HOME: tempHome() }));
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: mosaic project ${sub}`);
      expect(help.stdout).toMatch(new RegExp(`Examples:\\n  \\$ mosaic project ${sub}`));
    }
  });
});
