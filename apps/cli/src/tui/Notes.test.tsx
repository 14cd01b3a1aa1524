/** @module The notes view: list and scopes, reading markdown, editing in a real $EDITOR process, creating, deleting. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeGateway, note, project, startFakeGateway } from "../test/fakeGateway.js";
import { expectFits, KEY, type MountedTui, mountTui } from "../test/tuiHarness.js";

let gw: FakeGateway | undefined;
let tui: MountedTui | undefined;
let scripts: string;
const savedEnv = { EDITOR: process.env.EDITOR, VISUAL: process.env.VISUAL };

/** A fake editor: a real shell script run as $EDITOR with the note's temp file as $1. */
function editorScript(name: string, body: string): string {
  const file = join(scripts, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

beforeAll(() => {
  scripts = mkdtempSync(join(tmpdir(), "mosaic-tui-editor-"));
  delete process.env.VISUAL;
});
afterAll(() => {
  rmSync(scripts, { recursive: true, force: true });
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterEach(async () => {
  tui?.view.unmount();
  tui = undefined;
  await gw?.close();
  gw = undefined;
});

const PLAN = [
  "# Rack plan",
  "",
  "Buy **two** patch panels from [the shop](https://shop.example).",
  "",
  "- label every port",
  "- keep `vlan 20` for cameras",
  ...Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of the long tail.`),
].join("\n");

async function notesOf(project_ = project("Home lab")) {
  gw = await startFakeGateway();
  gw.projects.push(project_);
  const plan = note(project_.id, "Rack plan", PLAN);
  const personal = note(null, "Shopping list", "- cat food");
  gw.notes.push(plan, personal, note(project("Elsewhere").id, "Not in this project"));
  tui = mountTui(gw.url, { projectId: project_.id });
  await tui.see("NOT-STARTED (0)");
  await tui.press("n");
  await tui.see("Rack plan");
  return { plan, personal, tui };
}

describe("notes (n)", () => {
  it("lists the project's notes, Tab switches to personal ones, Enter reads markdown as text that scrolls", async () => {
    const { tui } = await notesOf();
    expect(tui.screen()).toContain("Mosaic › Home lab › notes");
    expect(tui.screen()).toContain("[Home lab]");
    expect(tui.screen()).not.toContain("Shopping list");
    expect(tui.screen()).not.toContain("Not in this project");
    await tui.press(KEY.tab);
    await tui.see("Shopping list");
    expect(tui.screen()).toContain("[personal]");
    expect(tui.screen()).not.toContain("Rack plan");
    await tui.press(KEY.tab);
    await tui.see("Rack plan");
    await tui.press(KEY.enter);
    await tui.see("Buy two patch panels from the shop (https://shop.example).");
    expect(tui.screen()).toContain("• label every port");
    expect(tui.screen()).toContain("• keep vlan 20 for cameras");
    expect(tui.screen()).not.toContain("# Rack plan");
    expect(tui.screen()).toMatch(/lines 1–\d+ of 46 ↓ more/);
    expect(tui.screen()).not.toContain("Line 40 of the long tail.");
    expectFits(tui.screen(), 80, 24);
    await tui.press(KEY.pageDown);
    await tui.press("G");
    await tui.see("Line 40 of the long tail.");
    expect(tui.screen()).not.toContain("label every port");
    await tui.press("g");
    await tui.see("label every port");
    await tui.press(KEY.esc);
    await tui.see("Enter read · e edit · c new · d delete");
    await tui.press(KEY.esc);
    await tui.see("Mosaic › Home lab › kanban");
  });

  it("e hands the terminal to $EDITOR and saves what it wrote through the API", async () => {
    process.env.EDITOR = editorScript("rewrite.sh", `printf '# Rack plan\\n\\nOrdered the panels.\\n' > "$1"`);
    const { plan, tui } = await notesOf();
    await tui.press(KEY.enter);
    await tui.see("label every port");
    await tui.press("e");
    await tui.see('saved "Rack plan"');
    await tui.see("Ordered the panels.");
    expect(tui.screen()).not.toContain("label every port");
    expect(gw?.requests).toContain(
      `PATCH /api/notes/${plan.id} ${JSON.stringify({ body: "# Rack plan\n\nOrdered the panels.\n" })}`,
    );
    expect(gw?.notes.find((n) => n.id === plan.id)?.body).toBe("# Rack plan\n\nOrdered the panels.\n");
  });

  it("an editor that leaves the text as it was sends no request", async () => {
    process.env.EDITOR = editorScript("look.sh", `cat "$1" > /dev/null`);
    const { plan, tui } = await notesOf();
    await tui.press("e");
    await tui.see("no change — nothing saved");
    expect(gw?.requests.filter((r) => r.startsWith("PATCH"))).toEqual([]);
    expect(gw?.requests).toContain(`GET /api/notes/${plan.id}`);
  });

  it("a refused save shows the server's reason, and the next e reopens the text that was not saved", async () => {
    process.env.EDITOR = editorScript("append.sh", `printf 'one more line\\n' >> "$1"`);
    const { plan, tui } = await notesOf();
    gw?.refuseSaves.set(plan.id, "changed elsewhere since you opened it");
    await tui.press("e");
    await tui.see("not saved: changed elsewhere since you opened it — e reopens your text");
    expect(gw?.notes.find((n) => n.id === plan.id)?.body).toBe(PLAN);
    gw?.refuseSaves.delete(plan.id);
    await tui.press("e");
    await tui.see('saved "Rack plan"');
    // The second session started from the first one's unsaved text, so both appended lines are there.
    expect(gw?.notes.find((n) => n.id === plan.id)?.body).toBe(`${PLAN}one more line\none more line\n`);
  });

  it("an editor that fails saves nothing and says how it exited", async () => {
    process.env.EDITOR = editorScript("fail.sh", `printf 'half-written' > "$1"; exit 3`);
    const { tui } = await notesOf();
    await tui.press("e");
    await tui.see(/the editor ".*fail\.sh" exited with 3 — nothing saved/);
    expect(gw?.requests.filter((r) => r.startsWith("PATCH"))).toEqual([]);
  });

  it("c asks for a title and creates the note in the tab's scope; d deletes only after y", async () => {
    const { tui } = await notesOf();
    await tui.press("c");
    await tui.see("new note title:");
    await tui.type("Port map");
    await tui.press(KEY.enter);
    await tui.see('created "Port map"');
    const created = gw?.notes.find((n) => n.title === "Port map");
    expect(created?.projectId).toBe(gw?.projects[0]?.id);
    expect(tui.screen()).toContain("empty — e writes it in $EDITOR");

    await tui.press("d");
    await tui.see('delete "Port map"? y deletes, any other key keeps it');
    await tui.press("n");
    await tui.see("kept it — nothing deleted");
    expect(gw?.requests.some((r) => r.startsWith("DELETE"))).toBe(false);
    await tui.press("d");
    await tui.press("y");
    await tui.see('deleted "Port map"');
    expect(gw?.requests).toContain(`DELETE /api/notes/${created?.id}`);
    expect(gw?.notes.some((n) => n.title === "Port map")).toBe(false);
    // The list (everything above the message line) no longer has it.
    await vi.waitFor(() => expect(tui.screen().split("\n").slice(0, -2).join("\n")).not.toContain("Port map"));
    expect(tui.screen()).toContain("Rack plan");
  });

  it("in the personal tab c creates a personal note", async () => {
    const { tui } = await notesOf();
    await tui.press(KEY.tab);
    await tui.see("Shopping list");
    await tui.press("c");
    await tui.type("Gift ideas");
    await tui.press(KEY.enter);
    await tui.see('created "Gift ideas"');
    expect(gw?.requests).toContain(`POST /api/notes {"title":"Gift ideas"}`);
    expect(gw?.notes.find((n) => n.title === "Gift ideas")?.projectId).toBeNull();
  });

  it("follows note events from /api/ws: the open note changes in place, a new one joins the list", async () => {
    const { plan, tui } = await notesOf();
    await tui.see("● live");
    await tui.press(KEY.enter);
    await tui.see("label every port");
    const changed = { ...plan, body: "Rewritten on the web.", updatedAt: "2026-03-01T00:00:00.000Z" };
    gw?.publish({ name: "note.updated", id: plan.id, projectId: plan.projectId, data: changed });
    await tui.see("Rewritten on the web.");
    expect(tui.screen()).not.toContain("label every port");
    const fresh = note(plan.projectId, "Written in the CLI");
    gw?.notes.push(fresh);
    gw?.publish({ name: "note.created", id: fresh.id, projectId: fresh.projectId, data: { ...fresh } });
    gw?.notes.splice(gw.notes.indexOf(plan), 1);
    gw?.publish({ name: "note.deleted", id: plan.id, projectId: plan.projectId });
    await tui.see('"Rack plan" was deleted elsewhere');
    await tui.see("Written in the CLI");
  });
});
