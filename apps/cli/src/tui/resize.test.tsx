/** @module Terminal resize: every view re-lays itself out on `resize` (SIGWINCH) and never draws past the terminal. */
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGateway, note, project, startFakeGateway, task } from "../test/fakeGateway.js";
import { expectFits, KEY, type MountedTui, mountTui } from "../test/tuiHarness.js";

let gw: FakeGateway | undefined;
let tui: MountedTui | undefined;
afterEach(async () => {
  tui?.view.unmount();
  tui = undefined;
  await gw?.close();
  gw = undefined;
});

describe("terminal resize", () => {
  it("the kanban shows as many columns as fit, and follows the terminal as it shrinks and grows", async () => {
    gw = await startFakeGateway();
    const p = project("Home lab with a rather long name that would not fit a narrow terminal");
    gw.projects.push(p);
    gw.tasks.push(task(p.id, "A card title long enough to be cut in a narrow column", "not-started"));
    gw.tasks.push(task(p.id, "Ship it", "done"));
    tui = mountTui(gw.url, { projectId: p.id });
    await tui.see("NOT-STARTED (1)");
    expect(tui.screen()).toContain("columns 1–3 of 6");
    expectFits(tui.screen(), 80, 24);

    tui.resize(50, 16);
    await tui.see("columns 1–2 of 6");
    expectFits(tui.screen(), 50, 16);

    tui.resize(160, 30);
    await tui.see("columns 1–6 of 6");
    expect(tui.screen()).toContain("Ship it");
    expectFits(tui.screen(), 160, 30);
  });

  it("the notes reader re-wraps its text to the new width, and the help screen fits 80×24", async () => {
    gw = await startFakeGateway();
    const p = project("Home lab");
    gw.projects.push(p);
    gw.notes.push(note(p.id, "Long read", `${"word ".repeat(200)}\n\nthe end`));
    tui = mountTui(gw.url, { projectId: p.id });
    await tui.see("NOT-STARTED (0)");
    await tui.press("n");
    await tui.see("Long read");
    await tui.press(KEY.enter);
    await tui.see(/lines 1–\d+ of \d+/);
    const before = Number(tui.screen().match(/of (\d+)/)?.[1]);
    expectFits(tui.screen(), 80, 24);
    tui.resize(40, 12);
    await tui.see(new RegExp(`lines 1–\\d+ of (?!${before}\\b)\\d+`));
    expectFits(tui.screen(), 40, 12);
    tui.resize(80, 24);
    await tui.see(`of ${before}`);
    await tui.press("?");
    await tui.see("Keys");
    expect(tui.screen()).toContain("search notes, memory and tasks as you type");
    expectFits(tui.screen(), 80, 24);
    // Any key closes help, and the reader is where it was.
    await tui.press("x");
    await tui.see(`of ${before}`);
  });
});
