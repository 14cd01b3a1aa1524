/** @module Unit tests: every TASKS.md error kind is reported with its 1-based line, all at once, nothing partial. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTasksMd, type TasksMdError } from "./tasksMd.js";

function errorsOf(markdown: string): TasksMdError[] {
  const result = parseTasksMd(markdown);
  if (result.ok) throw new Error("expected errors, got a parse");
  return result.errors;
}

const HEADER = "| id | status | description | depends_on |\n| --- | --- | --- | --- |";
/** A one-milestone file whose table rows start on line 5. */
const withRows = (...rows: string[]) => `## Milestone 1 — M (M1)\n\n${HEADER}\n${rows.join("\n")}\n`;

describe("the malformed fixture", () => {
  const source = readFileSync(new URL("./fixtures/malformed.tasks.md", import.meta.url), "utf8");

  it("reports every problem in the file, sorted by line, and no partial result", () => {
    const result = parseTasksMd(source);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty("value");
    const errors = errorsOf(source);
    expect(errors.map((e) => e.line)).toEqual([3, 13, 14, 15, 16, 17, 18, 20, 23, 25, 27, 34, 38, 41, 45]);
    const at = (line: number) => errors.filter((e) => e.line === line).map((e) => e.message);
    expect(at(3)).toEqual([expect.stringMatching(/^table outside a milestone/)]);
    expect(at(13)).toEqual(["row has 11 cells but the header has 10 (escape a pipe in a cell as \\|)"]);
    expect(at(14)).toEqual([
      expect.stringMatching(/^unknown status 'finished' for task 'BRK-03' — use one of not-started/),
    ]);
    expect(at(15)).toEqual(["duplicate task id 'BRK-01' (first used on line 12)"]);
    expect(at(16)).toEqual(["task 'BRK-04' depends on 'BRK-99', which is not a task in this file"]);
    expect(at(17)).toEqual(["task id 'BRK 05' must not contain spaces or commas"]);
    expect(at(18)).toEqual([expect.stringMatching(/^table row must start and end with '\|'/)]);
    expect(at(20)).toEqual(["milestone number 1 is already used on line 6"]);
    expect(at(23)).toEqual([expect.stringMatching(/^missing table header/)]);
    expect(at(25)).toEqual([expect.stringMatching(/^malformed milestone heading '## Milestone 3: Colon/)]);
    expect(at(27)).toEqual(["the table header has no 'status' column"]);
    expect(at(34)).toEqual(["a second Goal: line (the first is on line 33)"]);
    expect(at(38)).toEqual(["dependency cycle: BRK-08 → BRK-09 → BRK-08"]);
    expect(at(41)).toEqual([expect.stringMatching(/^milestone 4 already has a task table \(line 36\)/)]);
    expect(at(45)).toEqual([expect.stringMatching(/^unexpected heading '## Appendix' after the first milestone/)]);
  });
});

describe("each error kind on its own", () => {
  it("a file without milestones", () => {
    expect(errorsOf("# Just a title\n\nSome text.\n")).toEqual([
      { line: 1, message: expect.stringMatching(/^no milestones found/) },
    ]);
    expect(errorsOf("")).toEqual([{ line: 1, message: expect.stringMatching(/^no milestones found/) }]);
  });

  it("a wrong cell count, too few or too many", () => {
    expect(errorsOf(withRows("| A | done | x |"))).toEqual([
      { line: 5, message: expect.stringMatching(/^row has 3 cells but the header has 4/) },
    ]);
    expect(errorsOf(withRows("| A | done | x | | extra |"))).toEqual([
      { line: 5, message: expect.stringMatching(/^row has 5 cells but the header has 4/) },
    ]);
  });

  it("an unknown status, and an empty one", () => {
    expect(
      errorsOf(withRows("| A | todo | x | |", "| B | | y | |")).map((e) => [e.line, e.message.slice(0, 26)]),
    ).toEqual([
      [5, "unknown status 'todo' for "],
      [6, "unknown status '' for task"],
    ]);
  });

  it("a duplicate task id across milestones", () => {
    const md = `${withRows("| A | done | x | |")}\n## Milestone 2 — N (M2)\n\n${HEADER}\n| A | done | again | |\n`;
    expect(errorsOf(md)).toEqual([{ line: 11, message: "duplicate task id 'A' (first used on line 5)" }]);
  });

  it("an empty task id", () => {
    expect(errorsOf(withRows("| | done | x | |"))).toEqual([{ line: 5, message: "task id is empty" }]);
  });

  it("depends_on naming a task that exists nowhere, an empty entry, a duplicate, a space-separated list, itself", () => {
    const errors = errorsOf(
      withRows(
        "| A | done | x | |",
        "| B | done | x | NOPE |",
        "| C | done | x | A,,B |",
        "| D | done | x | A, A |",
        "| E | done | x | A B |",
        "| F | done | x | F |",
      ),
    );
    expect(errors).toEqual([
      { line: 6, message: "task 'B' depends on 'NOPE', which is not a task in this file" },
      { line: 7, message: expect.stringMatching(/^depends_on 'A,,B' has an empty entry/) },
      { line: 8, message: "depends_on names 'A' twice" },
      { line: 9, message: expect.stringMatching(/^depends_on entry 'A B' is not a task id/) },
      { line: 10, message: "task 'F' depends on itself" },
    ]);
  });

  it("a dependency on a task in a later milestone is fine", () => {
    const md = `${withRows("| A | done | x | B |")}\n## Milestone 2 — N (M2)\n\n${HEADER}\n| B | done | y | |\n`;
    expect(parseTasksMd(md).ok).toBe(true);
  });

  it("a cycle through three tasks is reported once, at its first task", () => {
    const errors = errorsOf(
      withRows("| A | done | x | |", "| B | done | x | D |", "| C | done | x | B |", "| D | done | x | C |"),
    );
    expect(errors).toEqual([{ line: 6, message: "dependency cycle: B → D → C → B" }]);
  });

  it("a long dependency chain neither overflows the stack nor counts as a cycle", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `| T${i} | done | x | ${i > 0 ? `T${i - 1}` : ""} |`);
    expect(parseTasksMd(withRows(...rows)).ok).toBe(true);
  });

  it("a table outside a milestone is reported once per table", () => {
    const md = `# T\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n${withRows("| A | done | x | |")}`;
    expect(errorsOf(md)).toEqual([{ line: 3, message: expect.stringMatching(/^table outside a milestone/) }]);
  });

  it("a table without a separator row: missing header", () => {
    const md = "## Milestone 1 — M (M1)\n\n| A | done | x | |\n| B | done | y | |\n";
    expect(errorsOf(md)).toEqual([{ line: 4, message: expect.stringMatching(/^missing table header/) }]);
    expect(errorsOf("## Milestone 1 — M (M1)\n\n| id | status | description |\n")).toEqual([
      { line: 3, message: expect.stringMatching(/^missing table header/) },
    ]);
  });

  it("header problems: a missing required column, a duplicate column, an unnamed column, a short separator", () => {
    const md = (header: string, sep: string) => `## Milestone 1 — M (M1)\n\n${header}\n${sep}\n| A | done | x |\n`;
    expect(errorsOf(md("| id | status | notes |", "| --- | --- | --- |"))).toEqual([
      { line: 3, message: "the table header has no 'description' column" },
    ]);
    expect(errorsOf(md("| id | Status | status |", "| --- | --- | --- |"))).toEqual([
      { line: 3, message: "the table header names the column 'status' twice" },
      { line: 3, message: "the table header has no 'description' column" },
    ]);
    expect(errorsOf(md("| id | status | description | |", "| --- | --- | --- | --- |"))).toEqual([
      { line: 3, message: "column 4 of the table header has no name" },
    ]);
    expect(errorsOf(md("| id | status | description |", "| --- | --- |"))).toEqual([
      { line: 4, message: "separator row has 2 cells but the header has 3" },
    ]);
  });

  it("a milestone heading without an (ID), with a colon, or with a duplicate id", () => {
    expect(errorsOf("## Milestone 1 — No id\n")).toEqual([
      { line: 1, message: expect.stringMatching(/^malformed milestone heading/) },
    ]);
    expect(errorsOf("## Milestone 1: Colon (M1)\n")).toEqual([
      { line: 1, message: expect.stringMatching(/^malformed milestone heading/) },
    ]);
    expect(errorsOf("## Milestone 1 — A (M1)\n\n## Milestone 2 — B (M1)\n")).toEqual([
      { line: 3, message: "milestone id 'M1' is already used on line 1" },
    ]);
  });

  it("a table under a malformed heading is still checked, and its ids still count", () => {
    const md = `${withRows("| A | done | x | B |")}\n## Milestone two — Bad (M2)\n\n${HEADER}\n| B | wip | y | |\n`;
    expect(errorsOf(md)).toEqual([
      { line: 7, message: expect.stringMatching(/^malformed milestone heading/) },
      { line: 11, message: expect.stringMatching(/^unknown status 'wip'/) },
    ]);
  });

  it("a code fence that is never closed, which would hide the milestones below it", () => {
    const md = `# T\n\n\`\`\`sh\necho hi\n\n${withRows("| A | done | x | |")}`;
    expect(errorsOf(md)).toEqual(
      [
        { line: 3, message: "the code fence opened on line 3 is never closed" },
        { line: 1, message: expect.stringMatching(/^no milestones found/) },
      ].sort((a, b) => a.line - b.line),
    );
  });

  it("a second mission Goal: line", () => {
    expect(errorsOf(`Goal: one\nGoal: two\n\n${withRows("| A | done | x | |")}`)).toEqual([
      { line: 2, message: "a second Goal: line (the first is on line 1)" },
    ]);
  });
});
