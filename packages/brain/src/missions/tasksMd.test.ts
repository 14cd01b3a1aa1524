/** @module Unit tests: TASKS.md fixtures round-trip byte for byte and non-canonical input normalises as documented. */
import { readFileSync } from "node:fs";
import { isMosaicError } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { parseTasksMd, parseTasksMdOrThrow, serializeTasksMd, type TasksMd } from "./tasksMd.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

function parsed(markdown: string): TasksMd {
  const result = parseTasksMd(markdown);
  if (!result.ok) throw new Error(`expected a parse, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe("the realistic mission fixture", () => {
  const source = fixture("mission.tasks.md");
  const mission = parsed(source);

  it("export of an imported canonical file is the same bytes", () => {
    expect(serializeTasksMd(mission)).toBe(source);
  });

  it("export → import → export is byte-identical and import gives the same value", () => {
    const exported = serializeTasksMd(mission);
    const again = parsed(exported);
    expect(again).toEqual(mission);
    expect(serializeTasksMd(again)).toBe(exported);
  });

  it("reads the mission title, goal and preamble, leaving fenced pseudo-structure as text", () => {
    expect(mission.mission.title).toBe("Mission: Federation v1 — one brain across gateways");
    expect(mission.mission.goal).toBe("Two gateways share scoped, revocable, audited read access over mutual TLS.");
    expect(mission.mission.preamble).toMatch(/^Orchestrated by the planner agent/);
    expect(mission.mission.preamble).toContain("## Milestone 9 — not a milestone either (NOPE)");
  });

  it("reads 3 milestones with ordinals, titles, ids, goals and descriptions", () => {
    expect(mission.milestones.map((m) => [m.ordinal, m.title, m.externalId, m.tasks.length])).toEqual([
      [1, "PKI & enrollment", "FED-M1", 10],
      [2, "Verbs & scope pipeline", "FED-M2", 10],
      [3, "Reading from B & hardening", "FED-M3", 10],
    ]);
    expect(mission.milestones[2]?.goal).toBe(
      "Every brain read on B accepts `source=local|federated:<peer>|all` and survives a bad peer.",
    );
    expect(mission.milestones[0]?.description).toBe(
      "### Notes\n\nThe CA key is sealed at rest (AES-256-GCM). Never parse SAN text — parse DER.",
    );
    expect(mission.milestones[1]?.description).toBe("");
  });

  it("unescapes pipes, keeps unicode and empty cells, splits depends_on and keeps extra columns", () => {
    const tasks = mission.milestones.flatMap((m) => m.tasks);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    expect(byId.get("FED-M1-02")?.description).toBe(
      "Issue client certificates with otherName SANs (grantId | subjectUserId)",
    );
    expect(byId.get("FED-M3-04")?.notes).toBe("never for search | flush on revocation");
    expect(byId.get("FED-M3-10")).toMatchObject({
      description: "E2E: two gateways, enroll, read, revoke — émigré naïve café ✓",
      notes: "the unicode in the title is deliberate 🙂",
      agent: "",
      dependsOn: ["FED-M3-03", "FED-M3-09"],
      extra: { reviewer: "björn", risk: "" },
    });
    expect(byId.get("FED-M1-08")).toMatchObject({ status: "blocked", agent: "", extra: { reviewer: "", risk: "" } });
    expect(mission.extraColumns).toEqual(["reviewer", "risk"]);
    expect(Object.keys(byId.get("FED-M1-01")?.extra ?? {})).toEqual(["reviewer", "risk"]);
    expect(new Set(tasks.map((t) => t.status))).toEqual(
      new Set(["done", "in-progress", "not-started", "blocked", "needs-qa", "failed"]),
    );
  });

  it("reads the same mission from CRLF line endings", () => {
    expect(parsed(source.replace(/\n/g, "\r\n"))).toEqual(mission);
  });
});

describe("normalisation of non-canonical input", () => {
  const lenient = fixture("lenient.tasks.md");
  const canonical = fixture("lenient.canonical.md");

  it("writes the documented canonical form", () => {
    expect(serializeTasksMd(parsed(lenient))).toBe(canonical);
  });

  it("the canonical form is a fixed point", () => {
    expect(serializeTasksMd(parsed(canonical))).toBe(canonical);
    expect(parsed(canonical)).toEqual(parsed(lenient));
  });

  it("reads statuses in any case with _ or spaces, padded cells and alignment colons", () => {
    const value = parsed(lenient);
    const tasks = value.milestones.flatMap((m) => m.tasks);
    expect(tasks.map((t) => [t.id, t.status])).toEqual([
      ["LEN-01", "in-progress"],
      ["LEN-02", "needs-qa"],
      ["LEN-03", "not-started"],
    ]);
    expect(tasks[0]?.description).toBe("padded   cell");
    expect(tasks[1]?.dependsOn).toEqual(["LEN-01", "LEN-03"]);
    expect(value.milestones.map((m) => m.ordinal)).toEqual([2, 3, 4]);
    expect(value.extraColumns).toEqual(["owner", "size"]);
    expect(tasks[2]?.extra).toEqual({ owner: "bo", size: "L" });
  });

  it("treats a file without a title as having none", () => {
    const md = "## Milestone 1 — Only (M1)\n\n| id | status | description |\n| --- | --- | --- |\n| A | done | x |\n";
    const value = parsed(md);
    expect(value.mission).toEqual({ title: null, goal: null, preamble: "" });
    expect(serializeTasksMd(value)).toBe(
      "## Milestone 1 — Only (M1)\n\n" +
        "| id | status | description | issue | agent | branch | depends_on | estimate | notes |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" +
        "| A | done | x | | | | | | |\n",
    );
  });

  it("keeps a backslash before a pipe and at the end of a cell", () => {
    const md = [
      "## Milestone 1 — Escapes (M1)",
      "",
      "| id | status | description | notes |",
      "| --- | --- | --- | --- |",
      "| A | done | C:\\ | a \\\\| b |",
      "",
    ].join("\n");
    const task = parsed(md).milestones[0]?.tasks[0];
    expect(task?.description).toBe("C:\\");
    expect(task?.notes).toBe("a \\| b");
    const again = parsed(serializeTasksMd(parsed(md))).milestones[0]?.tasks[0];
    expect(again).toEqual(task);
  });

  it("keeps a milestone title with parentheses, taking the last ones as the id", () => {
    const md = "## Milestone 1 — Auth (OIDC) (AUTH-M1)\n";
    expect(parsed(md).milestones[0]).toMatchObject({ title: "Auth (OIDC)", externalId: "AUTH-M1" });
  });

  it("keeps a column named __proto__ as data", () => {
    const md =
      "## Milestone 1 — X (M1)\n\n| id | status | description | __proto__ |\n| --- | --- | --- | --- |\n| A | done | d | v |\n";
    const task = parsed(md).milestones[0]?.tasks[0];
    expect(Object.hasOwn(task?.extra ?? {}, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(task?.extra)).toBe(Object.prototype);
    expect(serializeTasksMd(parsed(md))).toContain("| A | done | d | | | | | | | v |");
  });
});

describe("parseTasksMdOrThrow", () => {
  it("returns the mission when the file is valid", () => {
    expect(parseTasksMdOrThrow(fixture("mission.tasks.md")).milestones).toHaveLength(3);
  });

  it("throws a validation_error listing every problem by line", () => {
    try {
      parseTasksMdOrThrow(
        "# T\n\n## Milestone 1 — A (M1)\n\n| id | status | description |\n| --- | --- | --- |\n| A | wip | x |\n",
      );
      expect.unreachable("should have thrown");
    } catch (err) {
      if (!isMosaicError(err)) throw err;
      expect(err.code).toBe("validation_error");
      expect(err.message).toBe("TASKS.md has 1 problem; nothing was imported");
      expect(err.details).toEqual([{ path: "line.7", message: expect.stringContaining("unknown status 'wip'") }]);
    }
  });
});
