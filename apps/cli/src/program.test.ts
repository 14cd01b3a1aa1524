import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { tokenName } from "./commands/auth.js";
import { idArg, inField, limitOf } from "./commands/common.js";
import { bashScript, completionTree, zshScript } from "./commands/completion.js";
import { ownerText } from "./commands/project.js";
import { tokenStatus } from "./commands/token.js";
import { loginCommandFor, timeoutOf } from "./context.js";
import { buildProgram } from "./program.js";

function leaves(command: Command, path: string[] = []): Array<{ path: string[]; command: Command }> {
  if (command.commands.length === 0) return [{ path, command }];
  return command.commands.flatMap((c) => leaves(c, [...path, c.name()]));
}

function helpOf(command: Command): string {
  let text = "";
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.outputHelp();
  return text;
}

describe("the command tree", () => {
  const program = buildProgram();

  it("every command's help has a description and examples", () => {
    const all = leaves(program);
    expect(all.length).toBeGreaterThan(30);
    for (const { path, command } of all) {
      expect(command.description(), path.join(" ")).not.toBe("");
      expect(helpOf(command), path.join(" ")).toMatch(new RegExp(`Examples:\\n  \\$ .*mosaic ${path.join(" ")}`));
    }
  });

  it("every API command takes --json", () => {
    // Interactive or host-side: no JSON answer to print.
    const local = new Set(["gateway start", "completion", "tui"]);
    for (const { path, command } of leaves(program)) {
      if (local.has(path.join(" "))) continue;
      expect(
        command.options.some((o) => o.long === "--json"),
        path.join(" "),
      ).toBe(true);
    }
  });

  it("the completion tree has a node for every command, with the global options", () => {
    const nodes = completionTree(program);
    const paths = new Set(nodes.map((n) => n.path));
    for (const { path } of leaves(program)) expect(paths.has(["mosaic", ...path].join(" "))).toBe(true);
    const list = nodes.find((n) => n.path === "mosaic project list");
    expect(list?.options.flatMap((o) => o.flags)).toEqual(expect.arrayContaining(["--status", "--profile", "--url"]));
    expect(list?.options.find((o) => o.flags.includes("--status"))?.choices).toEqual(["active", "archived"]);
    expect(nodes.find((n) => n.path === "mosaic completion")?.argumentChoices).toEqual(["bash", "zsh"]);
  });

  it("completion scripts quote descriptions safely", () => {
    const nodes = [
      {
        path: "mosaic",
        subcommands: [{ name: "leave", description: "its last owner can't" }],
        options: [],
        argumentChoices: [],
      },
    ];
    expect(zshScript(nodes)).toContain(`'leave:its last owner can'\\''t'`);
    expect(bashScript(nodes)).toContain(`'mosaic') echo 'leave' ;;`);
  });
});

describe("small pieces", () => {
  it("tokenName names the host and fits the 100-character limit", () => {
    expect(tokenName("laptop")).toBe("mosaic-cli@laptop");
    expect(tokenName("")).toBe("mosaic-cli@unknown");
    expect(tokenName("h".repeat(200))).toHaveLength(100);
  });

  it("tokenStatus: revoked, expired, active", () => {
    const base = { id: "x", name: "n", prefix: "mos_", lastUsedAt: null, createdAt: "2026-01-01T00:00:00Z" };
    const now = new Date("2026-06-01T00:00:00Z");
    expect(tokenStatus({ ...base, expiresAt: null, revokedAt: "2026-02-01T00:00:00Z" }, now)).toBe("revoked");
    expect(tokenStatus({ ...base, expiresAt: "2026-05-01T00:00:00Z", revokedAt: null }, now)).toBe("expired");
    expect(tokenStatus({ ...base, expiresAt: "2026-07-01T00:00:00Z", revokedAt: null }, now)).toBe("active");
  });

  it("ownerText names the team when known, else its id", () => {
    const p = {
      id: "p",
      name: "n",
      description: "",
      status: "active" as const,
      createdAt: "",
      updatedAt: "",
    };
    const teamId = "0b9c1d2e-0000-4000-8000-000000000000";
    expect(ownerText({ ...p, owner: { kind: "user", userId: "u" } }, new Map())).toBe("personal");
    expect(ownerText({ ...p, owner: { kind: "team", teamId } }, new Map([[teamId, "Platform"]]))).toBe("team Platform");
    expect(ownerText({ ...p, owner: { kind: "team", teamId } }, new Map())).toBe(`team ${teamId}`);
  });

  it("loginCommandFor adds --url and a non-default --profile", () => {
    expect(loginCommandFor("default")).toBe("mosaic login");
    expect(loginCommandFor("work", "http://h:1")).toBe("mosaic login --url http://h:1 --profile work");
  });

  it("timeoutOf, limitOf and idArg refuse bad values with exit 2", () => {
    expect(timeoutOf(undefined)).toBe(30_000);
    expect(timeoutOf("500")).toBe(500);
    expect(() => timeoutOf("soon")).toThrow(/MOSAIC_TIMEOUT_MS/);
    expect(limitOf("100")).toBe(100);
    for (const bad of ["0", "101", "1.5", "x"]) expect(() => limitOf(bad)).toThrow(/--limit/);
    expect(idArg(" 0B9C1D2E-0000-4000-8000-000000000000 ", "team id")).toBe("0b9c1d2e-0000-4000-8000-000000000000");
    expect(() => idArg("platform", "team id")).toThrow(/team id must be an id/);
  });

  it("inField parses the wrapped value with the given schema and refuses a missing field", () => {
    const parser = inField("n", { parse: (v: unknown) => Number(v) * 2 });
    expect(parser.parse({ n: 2 })).toEqual({ n: 4 });
    expect(() => parser.parse({ m: 2 })).toThrow(/no "n" field/);
  });
});
