/** @module Component tests of the TUI over real HTTP and a real WebSocket to a local stand-in gateway. */
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GatewayClient } from "../client.js";
import { type FakeGateway, project, startFakeGateway, task } from "../test/fakeGateway.js";
import { App } from "./App.js";
import { tuiApi } from "./api.js";
import { openLiveFeed } from "./live.js";

const KEY = { up: "\u001B[A", down: "\u001B[B", right: "\u001B[C", left: "\u001B[D", enter: "\r" };

let gw: FakeGateway | undefined;
let view: ReturnType<typeof render> | undefined;
afterEach(async () => {
  view?.unmount();
  view = undefined;
  await gw?.close();
  gw = undefined;
});

function mount(url: string, initialProjectId?: string) {
  const client = new GatewayClient({ url, token: "mos_test", timeoutMs: 2_000 });
  view = render(
    <App
      api={tuiApi(client)}
      connectLive={(h) => openLiveFeed({ url, token: "mos_test", initialDelayMs: 50, maxDelayMs: 200, ...h })}
      gatewayUrl={url}
      user="ada@example.com"
      initialProjectId={initialProjectId}
      width={80}
      height={24}
    />,
  );
  return view;
}

const screen = () => view?.lastFrame() ?? "";
const see = (text: string | RegExp) =>
  vi.waitFor(() => expect(screen()).toMatch(typeof text === "string" ? new RegExp(escapeRegExp(text)) : text), {
    timeout: 5_000,
  });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const press = async (key: string) => {
  // Ink re-subscribes the key handler in an effect after each render: a key written the moment a
  // frame appears could reach the previous render's handler, which a person typing never does.
  await pause(80);
  view?.stdin.write(key);
  await pause(30);
};

async function boardWith(...titles: Array<[string, Parameters<typeof task>[2]]>) {
  gw = await startFakeGateway();
  const p = project("Home lab");
  gw.projects.push(project("Website"), p);
  const tasks = titles.map(([title, status], i) => task(p.id, title, status, i));
  gw.tasks.push(...tasks);
  return { p, tasks };
}

describe("mosaic tui", () => {
  it("picks a project with ↓ and Enter and draws its kanban inside 80×24", async () => {
    await boardWith(["Wire the rack", "not-started"], ["Flash the router", "in-progress"], ["Buy cables", "done"]);
    mount((gw as FakeGateway).url);
    await see("Website");
    await see("● live");
    await press(KEY.down);
    await press(KEY.enter);
    await see("Wire the rack");
    const lines = screen().split("\n");
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(screen()).toContain("Mosaic › Home lab › kanban");
    expect(screen()).toContain("NOT-STARTED (1)");
    expect(screen()).toContain("IN-PROGRESS (1)");
    expect(screen()).toContain("Flash the router");
    // Done is the fifth column: off-screen at 80 columns until the window scrolls right.
    expect(screen()).not.toContain("Buy cables");
    for (let i = 0; i < 4; i++) await press(KEY.right);
    await see("Buy cables");
    expect(screen()).toContain("DONE (1)");
  });

  it("moves the selected card with ] through the API, and the card follows to its new column", async () => {
    const { p, tasks } = await boardWith(["Wire the rack", "not-started"]);
    mount((gw as FakeGateway).url, p.id);
    await see("Wire the rack");
    await press("]");
    await see("IN-PROGRESS (1)");
    expect(gw?.requests).toContain(`POST /api/tasks/${tasks[0]?.id}/move {"status":"in-progress"}`);
    expect(screen()).toContain("NOT-STARTED (0)");
    expect(screen()).toMatch(/moved "Wire the rack" to in-progress/);
  });

  it("moves to any status with m then its number (5: done)", async () => {
    const { p, tasks } = await boardWith(["Wire the rack", "not-started"]);
    mount((gw as FakeGateway).url, p.id);
    await see("Wire the rack");
    await press("m");
    await see("5 done");
    await press("5");
    await see("DONE (1)");
    expect(gw?.tasks[0]?.status).toBe("done");
    expect(gw?.requests).toContain(`POST /api/tasks/${tasks[0]?.id}/move {"status":"done"}`);
  });

  it("shows the server's reason when a move is refused with 409, and leaves the card where it was", async () => {
    const { p, tasks } = await boardWith(["Flash the router", "not-started"]);
    gw?.refuseMoves.set(
      tasks[0]?.id as string,
      "Flash the router can't be in progress while its dependency Buy cables (not-started) is not done",
    );
    mount((gw as FakeGateway).url, p.id);
    await see("Flash the router");
    await press("]");
    await see("can't move: Flash the router can't be in progress while its dependency");
    expect(screen()).toContain("NOT-STARTED (1)");
    expect(screen()).toContain("IN-PROGRESS (0)");
  });

  it("applies task events from /api/ws without a reload", async () => {
    const { p, tasks } = await boardWith(["Wire the rack", "not-started"]);
    mount((gw as FakeGateway).url, p.id);
    await see("● live");
    await see("Wire the rack");
    const before = gw?.requests.length ?? 0;
    const moved = { ...(tasks[0] as object), status: "in-progress", updatedAt: "2026-02-01T00:00:00.000Z" };
    gw?.publish({ name: "task.updated", id: tasks[0]?.id as string, projectId: p.id, data: moved });
    const created = task(p.id, "Label the ports", "blocked");
    gw?.publish({ name: "task.created", id: created.id, projectId: p.id, data: { ...created } });
    // Another project's event must not land on this board.
    const foreign = task(project("Other").id, "Not mine", "not-started");
    gw?.publish({ name: "task.created", id: foreign.id, projectId: foreign.projectId, data: { ...foreign } });
    await see("IN-PROGRESS (1)");
    await see("Label the ports");
    expect(screen()).toContain("NOT-STARTED (0)");
    expect(screen()).not.toContain("Not mine");
    expect(gw?.requests.length).toBe(before);
  });

  it("shows a banner when the gateway is unreachable, and r recovers once it is back", async () => {
    // Take a free port, then close it: nothing listens there until the gateway "comes back".
    const probe = await startFakeGateway();
    const url = probe.url;
    await probe.close();
    mount(url);
    await see(/gateway unreachable at .* — r retries/);
    expect(screen()).toContain("Mosaic › projects");
    gw = await startFakeGateway(Number(new URL(url).port));
    gw.projects.push(project("Back online"));
    await press("r");
    await see("Back online");
    await see("● live");
    expect(screen()).not.toContain("r retries");
  });

  it("toggles the list view with l and k, opens the detail with Enter, and ? lists the keys", async () => {
    const { p } = await boardWith(["Wire the rack", "not-started"], ["Buy cables", "done"]);
    mount((gw as FakeGateway).url, p.id);
    await see("Wire the rack");
    await press("l");
    await see(/STATUS\s+PRIORITY\s+TITLE/);
    expect(screen()).toMatch(/done\s+normal\s+Buy cables/);
    await press(KEY.down);
    await press(KEY.enter);
    await see("Mosaic › Home lab › task");
    expect(screen()).toMatch(/status\s+done/);
    await press("\u001B");
    await see("› list");
    await press("k");
    await see("NOT-STARTED (1)");
    await press("?");
    await see("m then 1–6");
  });
});
