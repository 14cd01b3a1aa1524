/** E2E: `mosaic team …` with the built CLI against a real gateway, including the role rules of docs/ACCESS.md. */
import { randomUUID } from "node:crypto";
import { pageOf, TeamDetailResponse, TeamMemberView, TeamView } from "@mosaic/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseEnv, type GatewayProcess, startGateway, tempHome } from "../../../test/support/cli.js";
import { type CliUser, expectFailure, GATEWAY_START_MS, jsonOf, outputs, SETUP_MS, signUpUser } from "./actors.js";

const TeamResponse = z.object({ team: TeamView });
const MembersResponse = z.object({ members: z.array(TeamMemberView) });

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

async function createTeam(name: string) {
  return TeamResponse.parse(jsonOf(await owner.run(["team", "create", name, "--json"]))).team;
}

describe("team commands", () => {
  it("create, list, show, rename, add a member by email, change their role, remove them, delete", async () => {
    const team = await createTeam("Platform");
    expect(team).toMatchObject({ name: "Platform", role: "owner" });

    const list = pageOf(TeamView).parse(jsonOf(await owner.run(["team", "list", "--json"])));
    expect(list.items.map((t) => t.id)).toContain(team.id);
    const table = await owner.run(["team", "list"]);
    expect(table.stdout).toMatch(/Platform\s+owner/);

    const renamed = TeamResponse.parse(jsonOf(await owner.run(["team", "rename", team.id, "Platform team", "--json"])));
    expect(renamed.team.name).toBe("Platform team");

    const added = MembersResponse.parse(
      jsonOf(await owner.run(["team", "member", "add", team.id, member.email, "--role", "admin", "--json"])),
    );
    expect(added.members.find((m) => m.email === member.email)?.role).toBe("admin");

    const reroled = await owner.run(["team", "member", "role", team.id, member.email, "member"]);
    expect(reroled.code).toBe(0);
    expect(reroled.stdout).toMatch(new RegExp(`${member.email}\\s+member\\s+member`));

    const shown = TeamDetailResponse.parse(jsonOf(await member.run(["team", "show", team.id, "--json"])));
    expect(shown.team.role).toBe("member");
    expect(shown.members.map((m) => m.email).sort()).toEqual([member.email, owner.email].sort());
    const human = await member.run(["team", "show", team.id]);
    expect(human.stdout).toMatch(/your role\s+member/);
    expect(human.stdout).toMatch(/USER ID\s+EMAIL\s+NAME\s+ROLE\s+JOINED/);

    const removed = jsonOf(await owner.run(["team", "member", "remove", team.id, member.email, "--json"]));
    expect(removed).toMatchObject({ teamId: team.id, removed: true });
    expectFailure(await member.run(["team", "show", team.id]), 4, /team not found/);

    expect(jsonOf(await owner.run(["team", "delete", team.id, "--yes", "--json"]))).toEqual({
      id: team.id,
      deleted: true,
    });
    expectFailure(await owner.run(["team", "show", team.id]), 4, /team not found/);
  });

  it("a member can't delete, rename or manage the team (403, exit 7) but can leave it", async () => {
    const team = await createTeam("Guarded");
    expect((await owner.run(["team", "member", "add", team.id, member.email])).code).toBe(0);
    expectFailure(await member.run(["team", "delete", team.id, "--yes"]), 7, /only a team owner can delete the team/);
    expectFailure(await member.run(["team", "rename", team.id, "Mine now"]), 7, /only a team owner or admin can/);
    expectFailure(
      await member.run(["team", "member", "role", team.id, owner.email, "member"]),
      7,
      /only a team owner or admin can/,
    );
    const left = jsonOf(await member.run(["team", "leave", team.id, "--json"]));
    expect(left).toEqual({ id: team.id, left: true });
    expectFailure(await member.run(["team", "show", team.id]), 4, /team not found/);
  });

  it("conflicts exit 5: the last owner can't leave, an existing member can't be added twice", async () => {
    const team = await createTeam("Solo");
    expectFailure(await owner.run(["team", "leave", team.id]), 5, /last owner can't/);
    expect((await owner.run(["team", "member", "add", team.id, member.email])).code).toBe(0);
    expectFailure(await owner.run(["team", "member", "add", team.id, member.email]), 5, /already a member/);
  });

  it("unknown teams, accounts and members are 404 (exit 4); bad input is exit 2", async () => {
    const team = await createTeam("Lookups");
    expectFailure(await owner.run(["team", "show", randomUUID()]), 4, /team not found/);
    expectFailure(
      await owner.run(["team", "member", "add", team.id, "nobody@example.com"]),
      4,
      /account with that email not found/,
    );
    expectFailure(
      await owner.run(["team", "member", "remove", team.id, "nobody@example.com"]),
      4,
      /is not a member of team/,
    );
    expectFailure(await owner.run(["team", "member", "add", team.id, "not-an-email"]), 2, /body\.email/);
    expectFailure(
      await owner.run(["team", "member", "role", team.id, member.email, "boss"]),
      2,
      /role must be one of owner, admin, member/,
    );
    expectFailure(await owner.run(["team", "rename", team.id, "x".repeat(101)]), 2, /body\.name/);
    expectFailure(await owner.run(["team", "show", "platform"]), 2, /team id must be an id/);
  });
});
