import { TaskCreateBody, TaskUpdateBody, type TaskView } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { createBody, draftOf, updateBody } from "./taskDraft.js";

const task: TaskView = {
  id: "00000000-0000-4000-8000-000000000001",
  projectId: "00000000-0000-4000-8000-000000000002",
  missionId: null,
  milestoneId: null,
  externalId: "T-1",
  title: "Write the docs",
  description: "All of them",
  status: "not-started",
  priority: "normal",
  assignee: "mia",
  dependsOn: ["00000000-0000-4000-8000-000000000003"],
  estimate: "2h",
  branch: null,
  issue: null,
  notes: null,
  dueDate: "2030-01-31",
  position: 0,
  extra: {},
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
};

describe("createBody", () => {
  it("sends the title, status and priority and only the filled-in fields", () => {
    const draft = { ...draftOf(), title: "New", assignee: "  bo ", dueDate: "2030-02-01" };
    const body = createBody(draft);
    expect(body).toEqual({
      title: "New",
      status: "not-started",
      priority: "normal",
      assignee: "bo",
      dueDate: "2030-02-01",
    });
    expect(TaskCreateBody.safeParse(body).success).toBe(true);
  });

  it("a new task in a mission's milestone carries the milestone", () => {
    const body = createBody({ ...draftOf(undefined, { milestoneId: task.projectId }), title: "x" });
    expect(body.milestoneId).toBe(task.projectId);
  });
});

describe("updateBody", () => {
  it("is empty when nothing changed", () => {
    expect(updateBody(draftOf(task), task)).toEqual({});
  });

  it("sends only changed fields; an emptied optional field is null (cleared)", () => {
    const draft = { ...draftOf(task), title: "Write the README", assignee: "", branch: "docs", dependsOn: [] };
    const body = updateBody(draft, task);
    expect(body).toEqual({ title: "Write the README", assignee: null, branch: "docs", dependsOn: [] });
    expect(TaskUpdateBody.safeParse(body).success).toBe(true);
  });

  it("reordered dependencies are not a change", () => {
    const two = { ...task, dependsOn: ["b", "a"] };
    expect(updateBody({ ...draftOf(two), dependsOn: ["a", "b"] }, two)).toEqual({});
  });

  it("a bad due date fails the contract check before anything is sent", () => {
    const body = updateBody({ ...draftOf(task), dueDate: "31/01/2030" }, task);
    expect(TaskUpdateBody.safeParse(body).success).toBe(false);
  });
});
