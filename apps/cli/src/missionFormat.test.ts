/** Unit: the pure text of `mission show` (progress bars, blocked tasks) and TASKS.md line problems. */
import { randomUUID } from "node:crypto";
import type { MissionDetailView, TaskView } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { blockedTasks, lineProblems, missionText, outsideDependencies, progressBar } from "./missionFormat.js";

const NOW = "2026-05-01T12:00:00.000Z";

function task(props: Partial<TaskView> & { externalId: string }): TaskView {
  return {
    id: randomUUID(),
    projectId: randomUUID(),
    missionId: null,
    milestoneId: null,
    title: `title of ${props.externalId}`,
    description: "",
    status: "not-started",
    priority: "normal",
    assignee: null,
    dependsOn: [],
    estimate: null,
    branch: null,
    issue: null,
    notes: null,
    dueDate: null,
    position: 0,
    extra: {},
    createdAt: NOW,
    updatedAt: NOW,
    ...props,
  };
}

describe("progressBar", () => {
  it("fills in proportion, ten cells wide, with the count", () => {
    expect(progressBar(6, 10)).toBe("██████░░░░ 6/10");
    expect(progressBar(1, 3)).toBe("███░░░░░░░ 1/3");
    expect(progressBar(3, 3)).toBe("██████████ 3/3");
  });
  it("an empty milestone is an empty bar, not a division by zero", () => {
    expect(progressBar(0, 0)).toBe("░░░░░░░░░░ 0/0");
  });
});

describe("blockedTasks", () => {
  it("lists unfinished tasks with an unfinished dependency, naming each blocker and its status", () => {
    const a = task({ externalId: "A", status: "done" });
    const b = task({ externalId: "B", status: "in-progress" });
    const c = task({ externalId: "C", dependsOn: [a.id, b.id] });
    const d = task({ externalId: "D", dependsOn: [a.id] });
    const e = task({ externalId: "E", status: "done", dependsOn: [b.id] });
    const blocked = blockedTasks([a, b, c, d, e]);
    expect(blocked.map((x) => [x.task.externalId, x.blockers])).toEqual([["C", ["B (in-progress)"]]]);
  });

  it("looks dependencies outside the mission up in `outside`, and calls a missing one unknown", () => {
    const outsider = task({ externalId: "X", status: "blocked" });
    const ghost = randomUUID();
    const t = task({ externalId: "T", dependsOn: [outsider.id, ghost] });
    expect(outsideDependencies([t])).toEqual([outsider.id, ghost]);
    const [only] = blockedTasks([t], new Map([[outsider.id, outsider]]));
    expect(only?.blockers).toEqual(["X (blocked)", `${ghost} (unknown)`]);
  });
});

describe("missionText", () => {
  it("prints each milestone with its bar, aligned, then the blocked tasks", () => {
    const mission: MissionDetailView = {
      id: randomUUID(),
      projectId: randomUUID(),
      title: "Federation v1",
      goal: "share a brain",
      status: "active",
      preamble: "",
      extraColumns: [],
      createdAt: NOW,
      updatedAt: NOW,
      progress: { done: 6, total: 12 },
      milestones: [
        { ...milestone("M1", "CA", 1), progress: { done: 6, total: 10 } },
        { ...milestone("FED-M2", "Grants", 2), progress: { done: 0, total: 2 } },
      ],
      tasks: [],
    };
    const text = missionText(mission, [{ task: task({ externalId: "M2-01" }), blockers: ["M1-07 (needs-qa)"] }]);
    expect(text).toContain("Federation v1  [active]");
    expect(text).toContain("progress  █████░░░░░ 6/12");
    expect(text).toContain("M1 CA          ██████░░░░ 6/10\nFED-M2 Grants  ░░░░░░░░░░ 0/2");
    expect(text).toContain("blocked (1):\n  M2-01 [not-started] waits for M1-07 (needs-qa)");
    expect(missionText({ ...mission, milestones: [] }, [])).toContain("no milestones\n\nblocked: none");
  });
});

describe("lineProblems", () => {
  it("turns line.N details into `line N: message`, in line order", () => {
    expect(
      lineProblems([
        { path: "line.12", message: "unknown status" },
        { path: "line.3", message: "a table outside a milestone" },
      ]),
    ).toEqual(["line 3: a table outside a milestone", "line 12: unknown status"]);
  });
  it("is undefined for details that are not line problems, so the gateway's message stays", () => {
    expect(lineProblems([{ path: "body.markdown", message: "Too big" }])).toBeUndefined();
    expect(lineProblems([])).toBeUndefined();
  });
});

function milestone(externalId: string, title: string, ordinal: number) {
  return {
    id: randomUUID(),
    missionId: randomUUID(),
    ordinal,
    externalId,
    title,
    goal: "",
    description: "",
    createdAt: NOW,
    updatedAt: NOW,
  };
}
