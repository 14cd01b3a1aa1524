/** E2E: `mosaic token …` and `mosaic user …` (admin) with the built CLI against a real gateway. */
import { randomUUID } from "node:crypto";
import { pageOf, TokenCreatedResponse, TokenListResponse, UserView } from "@mosaic/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseEnv, type GatewayProcess, startGateway, tempHome } from "../../../test/support/cli.js";
import {
  apiStatus,
  type CliUser,
  expectFailure,
  GATEWAY_START_MS,
  jsonOf,
  outputs,
  SETUP_MS,
  signUpUser,
} from "./actors.js";

let gw: GatewayProcess;
let admin: CliUser;
let member: CliUser;

beforeAll(async () => {
  gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS);
  admin = await signUpUser(gw.url, "admin"); // the first account on the gateway: admin
  member = await signUpUser(gw.url, "member");
}, SETUP_MS);

afterAll(async () => {
  await gw?.stop();
});

describe("token commands", () => {
  it("create prints the secret once (alone on stdout), list never shows it and marks the CLI's own token", async () => {
    const created = await member.run(["token", "create", "backup", "--expires-in-days", "30"]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^mos_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/created token "backup" .*copy it now, it is not shown again/);
    expect(await apiStatus(gw.url, "/api/me", secret)).toBe(200);

    const listed = TokenListResponse.parse(jsonOf(await member.run(["token", "list", "--json"])));
    expect(listed.items.map((t) => t.name)).toContain("backup");
    const table = await member.run(["token", "list"]);
    expect(table.stdout).not.toContain(secret);
    expect(table.stdout).toMatch(/^\*\s+\S+\s+mosaic-cli@/m);
    expect(table.stdout).toMatch(/backup\s+mos_\S+…\s+active/);
  });

  it("revoke makes the token stop working at once; revoking the CLI's own token logs the profile out", async () => {
    const { token, secret } = TokenCreatedResponse.parse(
      jsonOf(await member.run(["token", "create", "tmp", "--json"])),
    );
    expect(jsonOf(await member.run(["token", "revoke", token.id, "--json"]))).toEqual({
      id: token.id,
      revoked: true,
      loggedOut: false,
    });
    expect(await apiStatus(gw.url, "/api/me", secret)).toBe(401);
    const table = await member.run(["token", "list"]);
    expect(table.stdout).toMatch(/tmp\s+mos_\S+…\s+revoked/);

    const user = await signUpUser(gw.url, "self-revoker");
    const own = TokenListResponse.parse(jsonOf(await user.run(["token", "list", "--json"]))).items[0];
    const res = await user.run(["token", "revoke", String(own?.id)]);
    expect(res.stdout).toMatch(/this CLI's own, so profile "default" is now logged out/);
    expectFailure(await user.run(["whoami"]), 6, /not logged in/);
  });

  it("bad input and unknown tokens fail with the documented exit codes", async () => {
    expectFailure(await member.run(["token", "create", "x", "--expires-in-days", "0"]), 2, /--expires-in-days must be/);
    expectFailure(await member.run(["token", "create", "x".repeat(101)]), 2, /body\.name/);
    expectFailure(await member.run(["token", "revoke", randomUUID()]), 4, /token not found/);
    // Another user's token is as unknown as a random id.
    const adminTokens = TokenListResponse.parse(jsonOf(await admin.run(["token", "list", "--json"])));
    expectFailure(await member.run(["token", "revoke", String(adminTokens.items[0]?.id)]), 4, /token not found/);
  });
});

describe("user commands (admin)", () => {
  it("an admin lists accounts; a member is refused with exit 7", async () => {
    const page = pageOf(UserView).parse(jsonOf(await admin.run(["user", "list", "--all", "--json"])));
    expect(page.items.map((u) => u.email)).toEqual(expect.arrayContaining([admin.email, member.email]));
    const table = await admin.run(["user", "list"]);
    expect(table.stdout).toMatch(new RegExp(`${admin.email}\\s+admin\\s+admin\\s+active`));
    expectFailure(await member.run(["user", "list"]), 7, /admins only/);
    expectFailure(await member.run(["user", "disable", admin.email]), 7, /admins only/);
  });

  it("disable by email locks the account out of its CLI at once (exit 6); enable lets it back in", async () => {
    const victim = await signUpUser(gw.url, "victim");
    const disabled = z
      .object({ user: UserView })
      .parse(jsonOf(await admin.run(["user", "disable", victim.email, "--json"])));
    expect(disabled.user).toMatchObject({ email: victim.email, disabled: true });
    expectFailure(await victim.run(["project", "list"]), 6, /run `mosaic login`/);
    const enabled = await admin.run(["user", "enable", disabled.user.id]);
    expect(enabled.stdout).toMatch(new RegExp(`enabled ${victim.email}`));
    expect((await victim.run(["project", "list"])).code).toBe(0);
  });

  it("conflicts and unknown accounts: disabling yourself exits 5, an unknown email exits 4", async () => {
    expectFailure(await admin.run(["user", "disable", admin.email]), 5, /can't disable your own account/);
    expectFailure(await admin.run(["user", "enable", "nobody@example.com"]), 4, /no account with email/);
    expectFailure(await admin.run(["user", "enable", randomUUID()]), 4, /user not found/);
    expectFailure(await admin.run(["user", "enable", "root"]), 2, /user must be an id or an email/);
  });

  it("never prints a stored token", () => {
    for (const text of outputs) for (const u of [admin, member]) expect(text).not.toContain(u.token());
  });
});
