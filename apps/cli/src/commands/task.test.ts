/** Unit: the "more:" command under a task table continues the same list (filters, sort, page size). */
import { describe, expect, it } from "vitest";
import { listCommandLine } from "./task.js";

const PROJECT = "0b9c1d2e-0000-4000-8000-000000000000";

describe("listCommandLine", () => {
  it("is the plain list when no filter was given", () => {
    expect(listCommandLine(PROJECT, { project: PROJECT })).toBe(`mosaic task list --project ${PROJECT}`);
  });

  it("keeps every filter, the sort and the page size, since a cursor only works under its own sort", () => {
    const line = listCommandLine(PROJECT, {
      project: PROJECT,
      status: "done",
      assignee: "ada",
      sort: "priority",
      order: "asc",
      limit: "5",
    });
    expect(line).toBe(
      `mosaic task list --project ${PROJECT} --status done --assignee ada --sort priority --order asc --limit 5`,
    );
  });

  it("quotes a search with spaces or quotes so the line can be pasted into a shell", () => {
    expect(listCommandLine(PROJECT, { project: PROJECT, query: "enrollment token" })).toContain(
      "-q 'enrollment token'",
    );
    expect(listCommandLine(PROJECT, { project: PROJECT, query: "ada's" })).toContain(`-q 'ada'\\''s'`);
  });

  it("continues the cross-project list and keeps --source", () => {
    expect(listCommandLine(undefined, { source: "all", status: "done" })).toBe(
      "mosaic task list --source all --status done",
    );
  });
});
