/** @module Search as you type: debounced, stale answers dropped, hits ranked with kind and score, Enter opens a note or task. */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeGateway, note, project, startFakeGateway, task } from "../test/fakeGateway.js";
import { KEY, type MountedTui, mountTui, pause } from "../test/tuiHarness.js";
import { SEARCH_DEBOUNCE_MS } from "./MemorySearch.js";

let gw: FakeGateway | undefined;
let tui: MountedTui | undefined;
afterEach(async () => {
  vi.useRealTimers();
  tui?.view.unmount();
  tui = undefined;
  await gw?.close();
  gw = undefined;
});

async function brain() {
  gw = await startFakeGateway();
  const p = project("Home lab");
  gw.projects.push(p);
  const rackNote = note(p.id, "Rack plan", "Two patch panels in the rack.");
  gw.notes.push(rackNote, note(null, "Grafana dashboards", "graphs for the router"));
  gw.insights.push({ id: randomUUID(), category: "preference", content: "Ada racks servers with the PSU on the left" });
  const rackTask = task(p.id, "Wire the rack", "in-progress");
  gw.tasks.push(rackTask);
  tui = mountTui(gw.url);
  await tui.see("Home lab");
  await tui.press("/");
  await tui.see("type to search notes, memory (insights) and tasks");
  return { p, rackNote, rackTask, tui };
}

describe("memory search (/)", () => {
  it("shows ranked hits with their kind and score as you type, and q is typed, not quit", async () => {
    const { tui } = await brain();
    await tui.type("rack");
    await tui.see('3 result(s) for "rack" · fulltext ranking');
    const rows = tui.screen().split("\n");
    const hitRows = rows.filter((l) => /^[ ›](note|task|insight) /.test(l));
    // Title matches rank first, as the stand-in ranks them; each row carries kind and score.
    expect(hitRows.map((l) => l.match(/^[ ›](\w+)/)?.[1])).toEqual(["note", "task", "insight"]);
    expect(hitRows[0]).toMatch(/^›note {4}0\.016 {2}Rack plan — Two patch panels in the rack\./);
    expect(hitRows[2]).toContain("preference — Ada racks servers with the PSU on the left");
    await tui.press(KEY.down);
    await tui.press(KEY.down);
    await tui.press(KEY.enter);
    await tui.see("insight · preference: Ada racks servers with the PSU on the left");
    await tui.type("q?");
    await tui.see("search: rackq?");
  });

  it("sends one request once typing pauses, not one per key", async () => {
    const { tui } = await brain();
    // Real timers: faking them around Ink's render throttling and the client's own timers made
    // this flaky under load. Four keys typed back to back take far less than the debounce.
    const started = performance.now();
    for (const c of "rack") {
      tui.view.stdin.write(c);
      await new Promise((r) => setImmediate(r));
    }
    expect(performance.now() - started).toBeLessThan(SEARCH_DEBOUNCE_MS);
    expect(gw?.searches).toEqual([]);
    await tui.see("search: rack");
    await tui.see('3 result(s) for "rack"');
    await pause(SEARCH_DEBOUNCE_MS * 2);
    expect(gw?.searches).toEqual(["rack"]);
  });

  it("cancels the request of a query typed past, so its late answer never shows", async () => {
    const { tui } = await brain();
    // "ra" also matches "Grafana dashboards"; its answer is held back until after "rack" was answered.
    gw?.searchDelays.set("ra", 1_500);
    await tui.type("ra");
    await vi.waitFor(() => expect(gw?.searches).toEqual(["ra"]), { timeout: 5_000 });
    await tui.type("ck");
    await tui.see('3 result(s) for "rack"');
    await vi.waitFor(() => expect(gw?.abandonedSearches).toEqual(["ra"]), { timeout: 5_000 });
    await pause(200);
    expect(tui.screen()).toContain('3 result(s) for "rack"');
    expect(tui.screen()).not.toContain("Grafana");
  });

  it("Enter on a note hit opens the note; on a task hit, its project's board and the task's detail", async () => {
    const { tui } = await brain();
    await tui.type("rack");
    await tui.see('3 result(s) for "rack"');
    await tui.press(KEY.enter);
    await tui.see("Two patch panels in the rack.");
    expect(tui.screen()).toContain("Mosaic › all projects › notes");
    await tui.press(KEY.esc);
    await tui.see("Rack plan");
    // Esc walks back the way it came: the notes list, then the search with its query, then the projects.
    await tui.press(KEY.esc);
    await tui.see('3 result(s) for "rack"');
    expect(tui.screen()).toContain("search: rack");
    await tui.press(KEY.esc);
    await tui.see("Mosaic › projects");
    await tui.press("/");
    await tui.see("search: rack");
    await tui.press("\u0015"); // Ctrl-U empties the box
    await tui.see("type to search");
    await tui.type("wire");
    await tui.see('1 result(s) for "wire"');
    await tui.press(KEY.enter);
    await tui.see("Mosaic › Home lab › task");
    expect(tui.screen()).toMatch(/status\s+in-progress/);
  });
});
