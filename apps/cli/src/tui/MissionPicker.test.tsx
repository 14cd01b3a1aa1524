/** @module The mission picker: scoping the board to a mission, with milestone progress, and back to all tasks. */
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGateway, milestone, mission, project, startFakeGateway, task } from "../test/fakeGateway.js";
import { expectFits, KEY, type MountedTui, mountTui } from "../test/tuiHarness.js";

let gw: FakeGateway | undefined;
let tui: MountedTui | undefined;
afterEach(async () => {
  tui?.view.unmount();
  tui = undefined;
  await gw?.close();
  gw = undefined;
});

async function projectWithMission() {
  gw = await startFakeGateway();
  const p = project("Home lab");
  gw.projects.push(p);
  const m = mission(p.id, "Network v2");
  const m1 = milestone(m.id, 1, "Cabling");
  const m2 = milestone(m.id, 2, "Routing");
  gw.missions.push(m, mission(p.id, "Backups"));
  gw.milestones.push(m1, m2);
  const inMission = (t: ReturnType<typeof task>, milestoneId: string) =>
    Object.assign(t, { missionId: m.id, milestoneId });
  gw.tasks.push(
    inMission(task(p.id, "Pull cable", "done", 0), m1.id),
    inMission(task(p.id, "Crimp ends", "not-started", 1), m1.id),
    inMission(task(p.id, "Set up OSPF", "not-started", 2), m2.id),
    task(p.id, "Water the plants", "not-started", 3),
  );
  return { p, m };
}

describe("mission picker (s)", () => {
  it("lists the missions under 'all tasks', shows the selected one's milestone progress, and scopes the board", async () => {
    const { p, m } = await projectWithMission();
    tui = mountTui((gw as FakeGateway).url, { projectId: p.id });
    await tui.see("Water the plants");
    expect(tui.screen()).toContain("NOT-STARTED (3)");
    await tui.press("s");
    await tui.see("All tasks of the project");
    expect(tui.screen()).toContain("Mosaic › Home lab › missions");
    expect(tui.screen()).toContain("Network v2 [active]");
    expect(tui.screen()).toContain("Backups");
    await tui.press(KEY.down);
    // Mission: 1 of 3 done; milestone M1 1 of 2, M2 0 of 1 — the bars `mission show` prints.
    await tui.see("███░░░░░░░ 1/3 Network v2");
    expect(tui.screen()).toContain("█████░░░░░ 1/2 M1 Cabling");
    expect(tui.screen()).toContain("░░░░░░░░░░ 0/1 M2 Routing");
    expect(gw?.requests).toContain(`GET /api/missions/${m.id}`);
    expectFits(tui.screen(), 80, 24);
    await tui.press(KEY.enter);
    await tui.see("Mosaic › Home lab › Network v2 › kanban");
    expect(tui.screen()).toContain("NOT-STARTED (2)");
    expect(tui.screen()).not.toContain("Water the plants");

    // Back to every task of the project: s, ↑ to "All tasks", Enter.
    await tui.press("s");
    await tui.see("Network v2 [active] (shown)");
    await tui.press(KEY.up);
    await tui.press(KEY.enter);
    await tui.see("Water the plants");
    expect(tui.screen()).toContain("Mosaic › Home lab › kanban");
    expect(tui.screen()).toContain("NOT-STARTED (3)");
  });

  it("Esc leaves the picker without changing the board, and a project without missions says how to add one", async () => {
    gw = await startFakeGateway();
    const p = project("Empty");
    gw.projects.push(p);
    gw.tasks.push(task(p.id, "Only task", "not-started"));
    tui = mountTui(gw.url, { projectId: p.id });
    await tui.see("Only task");
    await tui.press("s");
    await tui.see("no missions — import one with `mosaic mission import TASKS.md`");
    await tui.press(KEY.esc);
    await tui.see("Mosaic › Empty › kanban");
    expect(tui.screen()).toContain("Only task");
  });
});
