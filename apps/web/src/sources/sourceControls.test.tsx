/** Component tests: the source controls and the task views render a peer's items read-only, with their badge. */
import type { TaskView } from "@mosaic/contracts";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SourcedTask } from "../api/sourced.js";
import { TaskBoard } from "../work/TaskBoard.js";
import { TaskTable } from "../work/TaskTable.js";
import { PartialNotice, SourceBadge, SourceSelect } from "./SourceControls.js";
import { sourceOptions } from "./source.js";

const NOW = "2026-01-01T00:00:00.000Z";
let n = 0;
function task(title: string, _source?: string): SourcedTask {
  n += 1;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const base: TaskView = {
    id,
    projectId: "00000000-0000-4000-8000-0000000000aa",
    missionId: null,
    milestoneId: null,
    externalId: null,
    title,
    description: "",
    status: "in-progress",
    priority: "normal",
    assignee: null,
    dependsOn: [],
    estimate: null,
    branch: null,
    issue: null,
    notes: null,
    dueDate: null,
    position: n,
    extra: {},
    createdAt: NOW,
    updatedAt: NOW,
  };
  return _source === undefined ? base : { ...base, _source };
}

/** The `<li>` of the card whose title is `title`. */
function cardOf(html: string, title: string): string {
  const at = html.indexOf(`>${title}<`);
  expect(at, `${title} is on the board`).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<li", at), html.indexOf("</li>", at));
}

describe("SourceSelect", () => {
  it("lists Local, All gateways and each active peer, with the current one selected", () => {
    const html = renderToStaticMarkup(
      <SourceSelect options={sourceOptions([{ name: "nas", state: "active" }])} value="all" onChange={() => {}} />,
    );
    expect(html).toContain(">Source</label>");
    expect(html).toMatch(/<option value="local">Local<\/option>/);
    expect(html).toMatch(/<option value="all" selected="">All gateways<\/option>/);
    expect(html).toMatch(/<option value="federated:nas">nas<\/option>/);
  });

  it("renders nothing when there is nothing to choose (no peers, or 403 for a member)", () => {
    expect(renderToStaticMarkup(<SourceSelect options={[]} value="local" onChange={() => {}} />)).toBe("");
  });

  it("still shows a peer the URL names after it left the list", () => {
    const html = renderToStaticMarkup(
      <SourceSelect
        options={sourceOptions([{ name: "nas", state: "active" }])}
        value="federated:gone"
        onChange={() => {}}
      />,
    );
    expect(html).toMatch(/<option value="federated:gone" selected="">federated:gone<\/option>/);
  });
});

describe("SourceBadge and PartialNotice", () => {
  it("badges a peer's item with the peer's name and leaves this gateway's items bare", () => {
    expect(renderToStaticMarkup(<SourceBadge item={{ _source: "nas" }} />)).toMatch(/class="badge source"[^>]*>nas</);
    expect(renderToStaticMarkup(<SourceBadge item={{ _source: "local" }} />)).toBe("");
    expect(renderToStaticMarkup(<SourceBadge item={{}} />)).toBe("");
  });

  it("says which peer did not answer, and nothing for a complete answer", () => {
    const html = renderToStaticMarkup(<PartialNotice errors={[{ peer: "nas", reason: "connection refused" }]} />);
    expect(html).toContain('role="status"');
    expect(html).toContain("partial: nas unreachable (connection refused)");
    expect(renderToStaticMarkup(<PartialNotice errors={[]} />)).toBe("");
    expect(renderToStaticMarkup(<PartialNotice errors={undefined} />)).toBe("");
  });
});

describe("a peer's tasks are read-only on the board and in the list", () => {
  const mine = task("Wire the rack");
  const theirs = task("Rotate backups", "nas");
  const board = renderToStaticMarkup(
    <TaskBoard tasks={[mine, theirs]} moving={new Set()} onMove={() => {}} milestoneLabel={() => null} />,
  );

  it("this gateway's card drags and has a status select", () => {
    const card = cardOf(board, "Wire the rack");
    expect(card).toContain('draggable="true"');
    expect(card).toContain("<select");
    expect(card).toContain(`href="/tasks/${mine.id}"`);
    expect(card).not.toContain("badge source");
  });

  it("the peer's card carries its badge, does not drag, has no select and opens from the peer", () => {
    const card = cardOf(board, "Rotate backups");
    expect(card).toContain('draggable="false"');
    expect(card).not.toContain("<select");
    expect(card).toMatch(/class="badge source"[^>]*>nas</);
    expect(card).toContain(`href="/tasks/${theirs.id}?source=federated:nas"`);
    expect(card).toContain("from nas, read-only");
  });

  it("the list badges the peer's row and links it to the peer", () => {
    const table = renderToStaticMarkup(<TaskTable tasks={[mine, theirs]} milestoneLabel={() => null} />);
    expect(table).toContain(`data-source="nas"`);
    expect(table).toContain(`href="/tasks/${theirs.id}?source=federated:nas"`);
    expect(table.match(/badge source/g)).toHaveLength(1);
  });
});
