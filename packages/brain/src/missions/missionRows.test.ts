/** @module Unit tests: TASKS.md ↔ rows mapping — ids resolve, empty cells are nulls, what export leaves out. */
import type { MilestoneRow, MissionRow, TaskRow } from "@mosaic/db";
import { describe, expect, it } from "vitest";
import { fileTaskId, tasksMdToTree, treeToTasksMd, UNTITLED_MISSION } from "./missionRows.js";
import { parseTasksMdOrThrow } from "./tasksMd.js";

const at = new Date("2030-01-01T00:00:00Z");

describe("tasksMdToTree", () => {
  it("resolves depends_on to the new task ids, maps empty cells to null and titles an untitled file", () => {
    let n = 0;
    const file = parseTasksMdOrThrow(
      "## Milestone 1 — One (M1)\n\n| id | status | description | agent | depends_on | size |\n| --- | --- | --- | --- | --- | --- |\n| A | done | first | codex | B | S |\n| B | not-started | second | | | |\n",
    );
    const tree = tasksMdToTree(file, { projectId: "p", createdBy: "u", status: "planning", newId: () => `id${++n}` });
    expect(tree.mission).toMatchObject({
      title: UNTITLED_MISSION,
      goal: "",
      status: "planning",
      extraColumns: ["size"],
    });
    const [a, b] = tree.tasks;
    expect(a).toMatchObject({
      externalId: "A",
      title: "first",
      assignee: "codex",
      dependsOn: [b?.id],
      extra: { size: "S" },
    });
    expect(b).toMatchObject({
      externalId: "B",
      assignee: null,
      issue: null,
      position: 1,
      milestoneId: tree.milestones[0]?.id,
    });
  });
});

describe("treeToTasksMd", () => {
  const mission = { id: "m", title: "T", goal: "", preamble: "", extraColumns: ["size"] } as unknown as MissionRow;
  const milestone = {
    id: "ms",
    ordinal: 1,
    title: "One",
    externalId: null,
    goal: "",
    description: "",
  } as unknown as MilestoneRow;
  const task = (over: Partial<TaskRow>): TaskRow =>
    ({
      id: "00000000-aaaa-4000-8000-000000000000",
      milestoneId: "ms",
      externalId: null,
      title: "t",
      status: "done",
      assignee: null,
      issue: null,
      branch: null,
      estimate: null,
      notes: null,
      dependsOn: [],
      extra: {},
      createdAt: at,
      ...over,
    }) as TaskRow;

  it("drops dependencies outside the mission, derives missing ids, fills missing extra cells", () => {
    const inside = task({ id: "11111111-0000-4000-8000-000000000000", externalId: "IN" });
    const t = task({ dependsOn: ["11111111-0000-4000-8000-000000000000", "99999999-0000-4000-8000-000000000000"] });
    const md = treeToTasksMd(mission, [milestone], [inside, t]);
    expect(md.mission.goal).toBeNull();
    expect(md.milestones[0]?.externalId).toBe("M1");
    expect(md.milestones[0]?.tasks[1]).toMatchObject({ id: "T-00000000", dependsOn: ["IN"], extra: { size: "" } });
    expect(fileTaskId(t)).toBe("T-00000000");
  });
});
