/** @module Unit tests: kanban grouping, progress percent, the dependency view and live-event merging. */
import { type BrainEvent, TaskView } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { applyTaskEvent, dependencyView, groupByStatus, matchesFilter, percentDone, planOrder } from "./taskLogic.js";

const PROJECT = "00000000-0000-4000-8000-000000000001";
let counter = 0;
function task(over: Partial<TaskView> = {}): TaskView {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
  return {
    id,
    projectId: PROJECT,
    missionId: null,
    milestoneId: null,
    externalId: `T-${counter}`,
    title: `task ${counter}`,
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
    position: counter,
    extra: {},
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}
const event = (name: BrainEvent["name"], t: TaskView, projectId = PROJECT): BrainEvent => ({
  name,
  id: t.id,
  projectId,
  ownerUserId: null,
  actorId: null,
  at: "2026-01-01T00:00:00.000Z",
  data: t as unknown as Record<string, unknown>,
});
const parse = (data: unknown) => {
  const r = TaskView.safeParse(data);
  return r.success ? r.data : null;
};

describe("groupByStatus", () => {
  it("gives every status a column, in board order, keeping each column's input order", () => {
    const a = task({ status: "done" });
    const b = task({ status: "in-progress" });
    const c = task({ status: "done" });
    const columns = groupByStatus([a, b, c]);
    expect(columns.map((col) => col.status)).toEqual([
      "not-started",
      "in-progress",
      "needs-qa",
      "done",
      "blocked",
      "failed",
    ]);
    expect(columns.find((col) => col.status === "done")?.tasks).toEqual([a, c]);
    expect(columns.find((col) => col.status === "in-progress")?.tasks).toEqual([b]);
    expect(columns.find((col) => col.status === "failed")?.tasks).toEqual([]);
  });
});

describe("planOrder", () => {
  it("orders by milestone as listed, then position; tasks outside them go last", () => {
    const m1 = "00000000-0000-4000-8000-0000000000a1";
    const m2 = "00000000-0000-4000-8000-0000000000a2";
    const a = task({ milestoneId: m2, position: 0 });
    const b = task({ milestoneId: m1, position: 1 });
    const c = task({ milestoneId: m1, position: 0 });
    const d = task({ milestoneId: null, position: 0 });
    expect(planOrder([d, a, b, c], [m1, m2]).map((t) => t.id)).toEqual([c.id, b.id, a.id, d.id]);
  });
});

describe("percentDone", () => {
  it("rounds down and treats an empty milestone as 0 %", () => {
    expect(percentDone({ done: 3, total: 10 })).toBe(30);
    expect(percentDone({ done: 99, total: 100 })).toBe(99);
    expect(percentDone({ done: 2, total: 3 })).toBe(66);
    expect(percentDone({ done: 4, total: 4 })).toBe(100);
    expect(percentDone({ done: 0, total: 0 })).toBe(0);
  });
});

describe("dependencyView", () => {
  it("lists what blocks each task and what it blocks; unknown ids stay visible without a label", () => {
    const base = task({ status: "done" });
    const mid = task({ dependsOn: [base.id] });
    const outside = "00000000-0000-4000-8000-999999999999";
    const top = task({ dependsOn: [mid.id, base.id, outside] });
    const loner = task();
    const rows = dependencyView([base, mid, top, loner]);
    expect(rows.map((r) => r.task.id)).toEqual([base.id, mid.id, top.id]);
    const [rBase, rMid, rTop] = rows;
    expect(rBase?.blockedBy).toEqual([]);
    expect(rBase?.blocks.map((b) => b.id)).toEqual([mid.id, top.id]);
    expect(rMid?.waitingOn).toEqual([]);
    expect(rTop?.blockedBy).toEqual([
      { id: mid.id, label: mid.externalId, status: "not-started" },
      { id: base.id, label: base.externalId, status: "done" },
      { id: outside, label: null, status: null },
    ]);
    // Only dependencies not done hold the task back.
    expect(rTop?.waitingOn.map((d) => d.id)).toEqual([mid.id, outside]);
  });
});

describe("applyTaskEvent", () => {
  it("replaces an updated task in place", () => {
    const a = task();
    const b = task();
    const moved = { ...b, status: "done" as const };
    expect(applyTaskEvent([a, b], event("task.updated", moved), PROJECT, {}, parse)).toEqual([a, moved]);
  });

  it("drops a task that no longer matches the filter, and appends a new one that does", () => {
    const a = task({ status: "in-progress" });
    const moved = { ...a, status: "done" as const };
    expect(applyTaskEvent([a], event("task.updated", moved), PROJECT, { status: "in-progress" }, parse)).toEqual([]);
    const fresh = task({ status: "in-progress" });
    expect(applyTaskEvent([a], event("task.created", fresh), PROJECT, { status: "in-progress" }, parse)).toEqual([
      a,
      fresh,
    ]);
  });

  it("removes deleted tasks and ignores other projects, other missions and malformed data", () => {
    const a = task({ missionId: "00000000-0000-4000-8000-00000000aaaa" });
    const list = [a];
    expect(applyTaskEvent(list, event("task.deleted", a), PROJECT, {}, parse)).toEqual([]);
    const elsewhere = "00000000-0000-4000-8000-000000000002";
    expect(applyTaskEvent(list, event("task.updated", { ...a, title: "x" }, elsewhere), PROJECT, {}, parse)).toBe(list);
    const otherMission = task({ missionId: "00000000-0000-4000-8000-00000000bbbb" });
    const filter = { missionId: "00000000-0000-4000-8000-00000000aaaa" };
    expect(applyTaskEvent(list, event("task.created", otherMission), PROJECT, filter, parse)).toBe(list);
    const broken = { ...event("task.updated", a), data: { id: a.id } };
    expect(applyTaskEvent(list, broken, PROJECT, {}, parse)).toBe(list);
    expect(matchesFilter(a, { assignee: "codex" })).toBe(false);
  });
});
