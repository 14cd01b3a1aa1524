/** E2E: signup, login, whoami, logout and profiles with the built CLI against real gateway processes. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { MeResponse, TokenCreatedResponse } from "@mosaic/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, freePort, type GatewayProcess, runCli, startGateway, tempHome } from "../../../test/support/cli.js";
import {
  apiStatus,
  type CliUser,
  expectFailure,
  GATEWAY_START_MS,
  jsonOf,
  outputs,
  PASSWORD,
  SETUP_MS,
  signUpUser,
} from "./actors.js";

let gw: GatewayProcess;
let other: GatewayProcess;
let ada: CliUser;
const tokensSeen: string[] = [];

beforeAll(async () => {
  [gw, other] = await Promise.all([
    startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS),
    startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS),
  ]);
  ada = await signUpUser(gw.url, "ada");
  tokensSeen.push(ada.token());
}, SETUP_MS);

afterAll(async () => {
  // No stored token was ever printed by any command of this file.
  for (const token of tokensSeen) for (const text of outputs) expect(text).not.toContain(token);
  await Promise.all([gw?.stop(), other?.stop()]);
});

describe("not logged in", () => {
  it("whoami and project list exit 6 and say to run mosaic login", async () => {
    const env = baseEnv({ MOSAIC_HOME: tempHome() });
    for (const args of [["whoami"], ["project", "list"], ["--profile", "work", "team", "list"]]) {
      const res = await runCli(args, env);
      expectFailure(res, 6, /not logged in.* — run `mosaic login( --profile work)?`/);
    }
  });
});

describe("signup and login", () => {
  it("stores the token in MOSAIC_HOME/credentials.json with mode 0600 in a 0700 directory", () => {
    const file = join(ada.home, "credentials.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(ada.home).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(file, "utf8")).profiles.default;
    expect(stored).toMatchObject({ url: gw.url, createdByCli: true, user: { email: ada.email } });
    expect(stored.token).toMatch(/^mos_/);
  });

  it("whoami prints the account for people and the contract shape with --json", async () => {
    const human = await ada.run(["whoami"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(ada.email);
    expect(human.stdout).toMatch(/role\s+admin/);
    const json = jsonOf(await ada.run(["whoami", "--json"])) as Record<string, unknown>;
    expect(MeResponse.parse(json)).toMatchObject({ user: { email: ada.email, role: "admin" }, via: "token" });
    expect(json).toMatchObject({ profile: "default", url: gw.url });
  });

  it("logs in with --email --password-stdin, names the token after the host and signs the web session out", async () => {
    const home = tempHome();
    const env = baseEnv({ MOSAIC_HOME: home, MOSAIC_URL: gw.url });
    const res = await runCli(["login", "--email", ada.email, "--password-stdin"], env, { input: `${PASSWORD}\n` });
    outputs.push(res.stdout, res.stderr);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^logged in to .* as ada-/);
    const list = jsonOf(await runCli(["token", "list", "--json"], env)) as { items: Array<{ name: string }> };
    expect(list.items.map((t) => t.name)).toContain(`mosaic-cli@${execFileSync("hostname").toString().trim()}`);
    tokensSeen.push(JSON.parse(readFileSync(join(home, "credentials.json"), "utf8")).profiles.default.token);
  });

  it("a wrong password exits 6 with the gateway's message and stores nothing", async () => {
    const home = tempHome();
    const res = await runCli(
      ["login", "--url", gw.url, "--email", ada.email, "--password-stdin"],
      baseEnv({ MOSAIC_HOME: home }),
      { input: "not the password\n" },
    );
    expectFailure(res, 6, /wrong email or password/);
    expect(res.stderr).not.toMatch(/run `mosaic login`/);
    expect(existsSync(join(home, "credentials.json"))).toBe(false);
  });

  it("without a terminal and without --password-stdin it refuses with exit 2 and says what to pass", async () => {
    const res = await runCli(["login", "--url", gw.url, "--email", ada.email], baseEnv({ MOSAIC_HOME: tempHome() }));
    expectFailure(res, 2, /no terminal to ask for the password on — pass --email <email> --password-stdin/);
  });

  it("signup validation errors exit 2 and name the field", async () => {
    const res = await runCli(
      ["signup", "--url", gw.url, "--email", "not-an-email", "--name", "X", "--password-stdin"],
      baseEnv({ MOSAIC_HOME: tempHome() }),
      { input: "short\n" },
    );
    expectFailure(res, 2, /body\.email/);
    expect(res.stderr).toMatch(/body\.password/);
  });

  it("login --token verifies the token with /api/me; logout then keeps a token it did not create", async () => {
    const created = TokenCreatedResponse.parse(jsonOf(await ada.run(["token", "create", "script", "--json"])));
    const home = tempHome();
    const env = baseEnv({ MOSAIC_HOME: home, MOSAIC_URL: gw.url });
    expect((await runCli(["login", "--token", "-"], env, { input: `${created.secret}\n` })).code).toBe(0);
    const me = jsonOf(await runCli(["whoami", "--json"], env));
    expect(MeResponse.parse(me).user.email).toBe(ada.email);
    const out = await runCli(["logout"], env);
    expect(out.stdout).toMatch(/kept/);
    expect(await apiStatus(gw.url, "/api/me", created.secret)).toBe(200);

    const bad = await runCli(["login", "--token", `mos_${"A".repeat(43)}`], env);
    expectFailure(bad, 6, /token is invalid, expired or revoked/);
    expect(bad.stderr).not.toMatch(/run `/);
  });
});

describe("MOSAIC_TOKEN", () => {
  it("works without a stored login, sent to MOSAIC_URL; whoami names no profile", async () => {
    const created = TokenCreatedResponse.parse(jsonOf(await ada.run(["token", "create", "ci", "--json"])));
    const env = baseEnv({ MOSAIC_HOME: tempHome(), MOSAIC_URL: gw.url, MOSAIC_TOKEN: created.secret });
    const list = await runCli(["project", "list", "--json"], env);
    outputs.push(list.stdout, list.stderr);
    expect(list.code).toBe(0);
    expect(Array.isArray((jsonOf(list) as { items: unknown[] }).items)).toBe(true);
    const me = await runCli(["whoami", "--json"], env);
    outputs.push(me.stdout, me.stderr);
    expect(jsonOf(me)).toMatchObject({ profile: null, url: gw.url, user: { email: ada.email } });
    const people = await runCli(["whoami"], env);
    outputs.push(people.stdout, people.stderr);
    expect(people.stdout).toMatch(/profile\s+\(none: MOSAIC_TOKEN\)/);
    for (const r of [list, me, people]) expect(r.stdout + r.stderr).not.toContain(created.secret);
  });

  it("a revoked MOSAIC_TOKEN exits 6 and says to check that token, not to log in", async () => {
    const created = TokenCreatedResponse.parse(jsonOf(await ada.run(["token", "create", "gone", "--json"])));
    expect((await ada.run(["token", "revoke", created.token.id])).code).toBe(0);
    const env = baseEnv({ MOSAIC_HOME: tempHome(), MOSAIC_URL: gw.url, MOSAIC_TOKEN: created.secret });
    const res = await runCli(["project", "list"], env);
    outputs.push(res.stdout, res.stderr);
    expectFailure(res, 6, /token is invalid, expired or revoked.* — MOSAIC_TOKEN is set: check that token/);
    expect(res.stderr).not.toContain(created.secret);
  });
});

describe("logout", () => {
  it("revokes the token on the gateway (the old token then gets 401) and deletes it locally", async () => {
    const user = await signUpUser(gw.url, "leaver");
    const token = user.token();
    tokensSeen.push(token);
    expect(await apiStatus(gw.url, "/api/me", token)).toBe(200);
    const res = await user.run(["logout"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/the token was revoked/);
    expect(await apiStatus(gw.url, "/api/me", token)).toBe(401);
    expect(existsSync(join(user.home, "credentials.json"))).toBe(false);
    expectFailure(await user.run(["whoami"]), 6, /not logged in/);
    // Logging out twice is not an error.
    expect((await user.run(["logout"])).code).toBe(0);
  });

  it("logging in again revokes the profile's previous CLI token", async () => {
    const user = await signUpUser(gw.url, "again");
    const first = user.token();
    const res = await user.run(["login", "--email", user.email, "--password-stdin"], `${PASSWORD}\n`);
    expect(res.code).toBe(0);
    const second = user.token();
    tokensSeen.push(first, second);
    expect(second).not.toBe(first);
    expect(await apiStatus(gw.url, "/api/me", first)).toBe(401);
    expect(await apiStatus(gw.url, "/api/me", second)).toBe(200);
  });
});

describe("profiles", () => {
  it("holds two gateways at once: --profile and MOSAIC_PROFILE pick the gateway and the account", async () => {
    const home = tempHome();
    const env = baseEnv({ MOSAIC_HOME: home });
    const run = async (args: string[], extra: Record<string, string> = {}, input?: string) => {
      const r = await runCli(args, { ...env, ...extra }, input === undefined ? {} : { input });
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    const signup = (url: string, profile: string, email: string) =>
      run(
        ["signup", "--url", url, "--profile", profile, "--email", email, "--name", profile, "--password-stdin"],
        {},
        PASSWORD,
      );
    expect((await signup(gw.url, "home", "home-profile@example.com")).code).toBe(0);
    expect((await signup(other.url, "work", "work-profile@example.com")).code).toBe(0);

    const work = jsonOf(await run(["whoami", "--json", "--profile", "work"])) as {
      url: string;
      user: { email: string };
    };
    expect(work).toMatchObject({ url: other.url, user: { email: "work-profile@example.com" } });
    const home2 = jsonOf(await run(["whoami", "--json"], { MOSAIC_PROFILE: "home" })) as { url: string };
    expect(home2.url).toBe(gw.url);

    expect((await run(["--profile", "work", "project", "create", "Work only"])).code).toBe(0);
    const homeProjects = await run(["project", "list", "--json"], { MOSAIC_PROFILE: "home" });
    expect(JSON.stringify(jsonOf(homeProjects))).not.toContain("Work only");

    const list = jsonOf(await run(["profiles", "--json"])) as { items: Array<{ profile: string; url: string }> };
    expect(list.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ profile: "home", url: gw.url }),
        expect.objectContaining({ profile: "work", url: other.url }),
      ]),
    );
    tokensSeen.push(
      ...["home", "work"].map(
        (p) => JSON.parse(readFileSync(join(home, "credentials.json"), "utf8")).profiles[p].token,
      ),
    );

    // A token is only sent to the gateway it came from: --url elsewhere is refused, not followed.
    const elsewhere = await run(["--profile", "work", "--url", gw.url, "whoami"]);
    expectFailure(elsewhere, 6, /is logged in to .*, not .*its token is only sent there/);
  });
});

describe("gateway unreachable", () => {
  it("wrong URL or a stopped gateway exits 3 saying how to start it", async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const login = await runCli(
      ["login", "--url", nowhere, "--email", "x@example.com", "--password-stdin"],
      baseEnv({ MOSAIC_HOME: tempHome() }),
      {
        input: PASSWORD,
      },
    );
    expectFailure(
      login,
      3,
      new RegExp(`gateway unreachable at ${nowhere} .*is it running\\? \\(mosaic gateway start\\)`),
    );

    const user = await signUpUser(other.url, "stopped");
    tokensSeen.push(user.token());
    expect(await other.stop()).toBe(0);
    const res = await user.run(["project", "list"]);
    expectFailure(res, 3, new RegExp(`gateway unreachable at ${other.url} \\(ECONNREFUSED\\)`));
  });
});

describe("colour", () => {
  // `script` gives the CLI a real terminal on stdout: only there may it colour, and never with NO_COLOR.
  const onTerminal = (env: Record<string, string>) =>
    execFileSync(
      "script",
      ["-qec", `${process.execPath} ${join(import.meta.dirname, "../bin/mosaic.js")} token list`, "/dev/null"],
      {
        env,
      },
    ).toString();

  it("colours the table header on a terminal, not with NO_COLOR, and never in a pipe", async () => {
    const coloured: Record<string, string> = { ...ada.env, TERM: "xterm" };
    delete coloured.NO_COLOR;
    expect(onTerminal(coloured)).toContain("\u001b[1m");
    expect(onTerminal({ ...coloured, NO_COLOR: "1" })).not.toContain("\u001b[");
    const piped = await runCli(["token", "list"], coloured);
    expect(piped.stdout).not.toContain("\u001b[");
    expect(piped.stdout).toMatch(/^\s+ID\s+NAME/);
  });
});
