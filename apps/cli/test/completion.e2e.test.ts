/** E2E: the completion scripts printed by the built CLI, run in a real bash. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { baseEnv, runCli, tempHome } from "../../../test/support/cli.js";

let script: string;

beforeAll(async () => {
  const res = await runCli(["completion", "bash"], baseEnv({ MOSAIC_HOME: tempHome() }));
  expect(res.code).toBe(0);
  script = join(tempHome(), "mosaic.bash");
  writeFileSync(script, res.stdout);
});

/** What bash offers after the typed words (the last one is the word being completed). */
function complete(...words: string[]): string[] {
  const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mosaic; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync("bash", ["-c", program, "bash", script, "mosaic", ...words]).toString();
  return out.split("\n").filter(Boolean);
}

describe("bash completion", () => {
  it("offers the top-level commands, then each group's subcommands", () => {
    expect(complete("")).toEqual(expect.arrayContaining(["login", "project", "team", "token", "user", "gateway"]));
    expect(complete("pro")).toEqual(["profiles", "project"]);
    expect(complete("project", "")).toEqual(["list", "show", "create", "update", "archive", "unarchive", "delete"]);
    expect(complete("team", "member", "")).toEqual(["add", "role", "remove"]);
  });

  it("skips global options and their values when finding the command", () => {
    expect(complete("--profile", "work", "token", "re")).toEqual(["revoke"]);
    expect(complete("project", "list", "--profile", "work", "--st")).toEqual(["--status"]);
  });

  it("offers an option's choices and a command's argument choices", () => {
    expect(complete("project", "list", "--status", "")).toEqual(["active", "archived"]);
    expect(complete("team", "member", "add", "--role", "ad")).toEqual(["admin"]);
    expect(complete("completion", "")).toEqual(["bash", "zsh"]);
  });

  it("offers the options of the command, the global ones included", () => {
    expect(complete("project", "create", "--")).toEqual(
      expect.arrayContaining(["--description", "--team", "--json", "--profile", "--url", "--help"]),
    );
  });

  it("the zsh script is printed from the same tree", async () => {
    const res = await runCli(["completion", "zsh"], baseEnv({ MOSAIC_HOME: tempHome() }));
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^#compdef mosaic\n/);
    expect(res.stdout).toContain("'mosaic team member') subs=('add:add an existing account to a team, by email'");
    // Valid shell syntax: bash -n parses the common subset (zsh isn't installed everywhere tests run).
    expect(() => execFileSync("bash", ["-n"], { input: res.stdout })).not.toThrow();
  });

  it("an unknown shell is a usage error", async () => {
    const res = await runCli(["completion", "fish"], baseEnv({ MOSAIC_HOME: tempHome() }));
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Allowed choices are bash, zsh/);
  });
});
