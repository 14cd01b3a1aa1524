/** Component tests of federated reads in the TUI: `o` cycles the source, peer items are marked and read-only, partial answers say so. */
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGateway, note, project, startFakeGateway, task } from "../test/fakeGateway.js";
import { KEY, type MountedTui, mountTui } from "../test/tuiHarness.js";
import { nextSource } from "./api.js";

let gw: FakeGateway | undefined;
let tui: MountedTui | undefined;
afterEach(async () => {
  tui?.view.unmount();
  tui = undefined;
  await gw?.close();
  gw = undefined;
});

async function twoGateways() {
  gw = await startFakeGateway();
  const home = project("Home lab");
  gw.projects.push(home);
  gw.tasks.push(task(home.id, "Wire the rack", "not-started"));
  const remote = project("Remote");
  gw.peers.set("nas", {
    tasks: [task(remote.id, "Rotate backups", "not-started")],
    notes: [note(null, "NAS runbook")],
  });
  gw.notes.push(note(null, "Local diary"));
  return gw;
}

describe("nextSource", () => {
  it("cycles local → all → each peer → local", () => {
    expect(nextSource("local", ["nas", "office"])).toBe("all");
    expect(nextSource("all", ["nas", "office"])).toBe("federated:nas");
    expect(nextSource("federated:nas", ["nas", "office"])).toBe("federated:office");
    expect(nextSource("federated:office", ["nas", "office"])).toBe("local");
    expect(nextSource("federated:gone", ["nas"])).toBe("local");
  });
});

describe("tui sources", () => {
  it("o on the picker shows every gateway's tasks, the peer's marked [nas]; moving it is refused", async () => {
    const g = await twoGateways();
    tui = mountTui(g.url);
    await tui.see("Home lab");
    await tui.press("o");
    await tui.see("[nas] Rotate backups");
    expect(tui.screen()).toContain("Wire the rack");
    expect(tui.screen()).toContain("all projects @ all gateways");
    expect(g.requests).toContain("GET /api/tasks");
    // The selected card is the first in NOT-STARTED by position; pick the peer's card and try to move it.
    const before = g.requests.length;
    for (let i = 0; i < 2; i++) {
      if (/›\[nas\] Rotate backups/.test(tui.screen())) break;
      await tui.press(KEY.down);
    }
    await tui.see("›[nas] Rotate backups");
    await tui.press("]");
    await tui.see('read-only: "Rotate backups" is on nas');
    await tui.press("m");
    await tui.see('read-only: "Rotate backups" is on nas');
    expect(g.requests.slice(before).some((r) => r.startsWith("POST"))).toBe(false);
    // The list view names the source in its own column.
    await tui.press("l");
    await tui.see(/SOURCE\s+STATUS/);
    await tui.see(/nas\s+not-started/);
    await tui.see(/local\s+not-started/);
  });

  it("a down peer makes the answer partial: the message line says so and local tasks still show", async () => {
    const g = await twoGateways();
    g.downPeers.set("nas", "connection refused");
    tui = mountTui(g.url);
    await tui.see("Home lab");
    await tui.press("o");
    await tui.see("partial: nas unreachable (connection refused)");
    expect(tui.screen()).toContain("Wire the rack");
    expect(tui.screen()).not.toContain("Rotate backups");
  });

  it("o cycles on to the peer alone, then back to local (the picker)", async () => {
    const g = await twoGateways();
    tui = mountTui(g.url);
    await tui.see("Home lab");
    await tui.press("o");
    await tui.see("@ all gateways");
    await tui.press("o");
    await tui.see("@ nas");
    await tui.see("[nas] Rotate backups");
    expect(tui.screen()).not.toContain("Wire the rack");
    await tui.press("o");
    await tui.see("Mosaic › projects");
  });

  it("a member (403 on the peers list) gets a message, not a source", async () => {
    const g = await twoGateways();
    g.peersForbidden.value = true;
    tui = mountTui(g.url);
    await tui.see("Home lab");
    await tui.press("o");
    await tui.see("no peer gateways to read from");
    expect(g.requests).not.toContain("GET /api/tasks");
  });

  it("notes through all gateways: the peer's note is marked and e/d refuse it", async () => {
    const g = await twoGateways();
    tui = mountTui(g.url);
    await tui.see("Home lab");
    await tui.press("n");
    await tui.see("Local diary");
    await tui.press("o");
    await tui.see("[nas] NAS runbook");
    await tui.see("all notes @ all gateways");
    for (let i = 0; i < 2; i++) {
      if (/› \[nas\] NAS runbook/.test(tui.screen())) break;
      await tui.press(KEY.down);
    }
    await tui.see("› [nas] NAS runbook");
    await tui.press("d");
    await tui.see('read-only: "NAS runbook" is on nas');
    expect(g.requests.some((r) => r.startsWith("DELETE"))).toBe(false);
  });
});
