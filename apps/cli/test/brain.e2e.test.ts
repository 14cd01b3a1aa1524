/** E2E: `mosaic note …`, `mosaic memory …` and `mosaic search` with the built CLI against a real gateway. */
import { randomUUID } from "node:crypto";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InsightView, NoteView, PreferenceView, ProjectView, pageOf, SearchResponse } from "@mosaic/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseEnv, type GatewayProcess, runCli, startGateway, tempHome } from "../../../test/support/cli.js";
import { type CliUser, expectFailure, GATEWAY_START_MS, jsonOf, outputs, SETUP_MS, signUpUser } from "./actors.js";

const NotePage = pageOf(NoteView);
const NoteResponse = z.object({ note: NoteView });
const PreferenceResponse = z.object({ preference: PreferenceView });
const InsightResponse = z.object({ insight: InsightView });
const Deleted = z.object({ id: z.uuid(), deleted: z.literal(true) });

let gw: GatewayProcess;
let owner: CliUser;
let stranger: CliUser;

beforeAll(async () => {
  gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS);
  owner = await signUpUser(gw.url, "writer");
  stranger = await signUpUser(gw.url, "stranger");
}, SETUP_MS);

afterAll(async () => {
  for (const text of outputs) for (const u of [owner, stranger]) expect(text).not.toContain(u.token());
  await gw?.stop();
});

describe("note commands", () => {
  it("create, list, show, edit in $EDITOR, update and delete", async () => {
    const projectId = z
      .object({ project: ProjectView })
      .parse(jsonOf(await owner.run(["project", "create", "Notebook", "--json"]))).project.id;
    const created = NoteResponse.parse(
      jsonOf(
        await owner.run(
          [
            "note",
            "create",
            "--title",
            "Kickoff",
            "--project",
            projectId,
            "--tag",
            "meeting,q3",
            "--body-file",
            "-",
            "--json",
          ],
          "first draft about marmalade\n",
        ),
      ),
    ).note;
    expect(created).toMatchObject({ title: "Kickoff", projectId, tags: ["meeting", "q3"] });
    expect(created.body).toBe("first draft about marmalade\n");
    const personal = NoteResponse.parse(jsonOf(await owner.run(["note", "create", "--title", "Diary", "--json"]))).note;
    expect(personal.projectId).toBeNull();

    const all = NotePage.parse(jsonOf(await owner.run(["note", "list", "--json"])));
    expect(all.items.map((n) => n.id).sort()).toEqual([created.id, personal.id].sort());
    const tagged = NotePage.parse(jsonOf(await owner.run(["note", "list", "--tag", "q3", "--json"])));
    expect(tagged.items.map((n) => n.id)).toEqual([created.id]);
    const mine = NotePage.parse(jsonOf(await owner.run(["note", "list", "--personal", "--json"])));
    expect(mine.items.map((n) => n.id)).toEqual([personal.id]);
    const table = await owner.run(["note", "list", "--project", projectId]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+PROJECT\s+TAGS\s+UPDATED\s+TITLE\n/);
    expect(table.stdout).toContain("meeting,q3");
    const paged = await owner.run(["note", "list", "--limit", "1"]);
    expect(paged.stderr).toMatch(/^more: mosaic note list --limit 1 --cursor \S+ {2}\(or --all\)\n$/);

    const shown = await owner.run(["note", "show", created.id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("Kickoff");
    expect(shown.stdout).toMatch(/\n\nfirst draft about marmalade\n$/);

    // A fake editor that rewrites the file it is given, as a person would.
    const dir = tempHome();
    const editor = join(dir, "fake-editor.sh");
    writeFileSync(editor, '#!/bin/sh\nprintf "rewritten by the editor\\n" > "$1"\n');
    chmodSync(editor, 0o755);
    const edited = await runCli(["note", "edit", created.id, "--json"], { ...owner.env, EDITOR: editor });
    outputs.push(edited.stdout, edited.stderr);
    expect(NoteResponse.parse(jsonOf(edited)).note.body).toBe("rewritten by the editor\n");
    // An editor that changes nothing saves nothing.
    const unchanged = await runCli(["note", "edit", created.id], { ...owner.env, EDITOR: "true" });
    expect(unchanged).toMatchObject({ code: 0, stdout: "", stderr: "no change — nothing saved\n" });
    const failing = await runCli(["note", "edit", created.id], { ...owner.env, EDITOR: "false" });
    expectFailure(failing, 1, /exited with 1 — nothing saved/);

    const updated = NoteResponse.parse(
      jsonOf(await owner.run(["note", "update", created.id, "--title", "Kickoff v2", "--tag", "", "--json"])),
    ).note;
    expect(updated).toMatchObject({ title: "Kickoff v2", tags: [], body: "rewritten by the editor\n" });
    expectFailure(await owner.run(["note", "update", created.id]), 2, /nothing to update/);

    expect(Deleted.parse(jsonOf(await owner.run(["note", "delete", personal.id, "--yes", "--json"])))).toEqual({
      id: personal.id,
      deleted: true,
    });
    expectFailure(await owner.run(["note", "show", personal.id]), 4, /not found/);
  });

  it("someone else's note and an unknown id are 404 (exit 4)", async () => {
    const n = NoteResponse.parse(jsonOf(await owner.run(["note", "create", "--title", "Secret", "--json"]))).note;
    expectFailure(await stranger.run(["note", "show", n.id]), 4, /not found/);
    expectFailure(await stranger.run(["note", "delete", n.id, "--yes"]), 4, /not found/);
    expectFailure(await owner.run(["note", "show", randomUUID()]), 4, /not found/);
    expectFailure(await owner.run(["memory", "insight", "delete", randomUUID()]), 4, /not found/);
    expectFailure(await owner.run(["memory", "pref", "get", "no.such.key"]), 4, /not found/);
  });
});

describe("memory and search commands", () => {
  it("sets and gets a preference, adds an insight and finds it", async () => {
    const set = PreferenceResponse.parse(
      jsonOf(await owner.run(["memory", "pref", "set", "editor.theme", '"dark"', "--immutable", "--json"])),
    ).preference;
    expect(set).toMatchObject({ key: "editor.theme", value: "dark", mutable: false });
    expect(await owner.run(["memory", "pref", "get", "editor.theme"])).toMatchObject({
      code: 0,
      stdout: '"dark"\n',
      stderr: "",
    });
    const listed = pageOf(PreferenceView).parse(jsonOf(await owner.run(["memory", "pref", "list", "--json"])));
    expect(listed.items.map((p) => p.key)).toEqual(["editor.theme"]);
    expectFailure(await owner.run(["memory", "pref", "set", "editor.theme", "dark"]), 2, /must be JSON/);

    const insight = InsightResponse.parse(
      jsonOf(
        await owner.run([
          "memory",
          "insight",
          "add",
          "Prefers tabs over spaces in Makefiles",
          "--category",
          "style",
          "--json",
        ]),
      ),
    ).insight;
    expect(insight).toMatchObject({ category: "style", projectId: null });
    const found = SearchResponse.parse(jsonOf(await owner.run(["memory", "search", "tabs", "--json"])));
    expect(found.items.map((h) => h.id)).toContain(insight.id);
    const table = await owner.run(["memory", "search", "tabs"]);
    expect(table.stdout).toMatch(/^KIND\s+SCORE\s+ID\s+TITLE\s+SNIPPET\n/);
    expect(table.stdout).toMatch(/insight\s+\d\.\d{4}\s+\S+\s+style\s+Prefers tabs/);

    const insights = pageOf(InsightView).parse(jsonOf(await owner.run(["memory", "insight", "list", "--json"])));
    expect(insights.items.map((i) => i.id)).toEqual([insight.id]);
    expect(Deleted.parse(jsonOf(await owner.run(["memory", "insight", "delete", insight.id, "--json"]))).id).toBe(
      insight.id,
    );
    expect((await owner.run(["memory", "pref", "delete", "editor.theme"])).stdout).toBe(
      "deleted preference editor.theme\n",
    );
    expectFailure(await owner.run(["memory", "pref", "get", "editor.theme"]), 4, /not found/);
  });

  it("search finds a note by a word in its body, and only the caller's", async () => {
    const n = NoteResponse.parse(
      jsonOf(
        await owner.run(
          ["note", "create", "--title", "Travel", "--body-file", "-", "--json"],
          "pack the quokka plush\n",
        ),
      ),
    ).note;
    const found = SearchResponse.parse(jsonOf(await owner.run(["search", "quokka", "--kinds", "notes", "--json"])));
    expect(found.items.map((h) => [h.kind, h.id])).toContainEqual(["note", n.id]);
    const table = await owner.run(["search", "quokka"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/note\s+\d\.\d{4}\s+\S+\s+Travel\s+pack the quokka plush/);
    const theirs = SearchResponse.parse(jsonOf(await stranger.run(["search", "quokka", "--json"])));
    expect(theirs.items.map((h) => h.id)).not.toContain(n.id);
    expectFailure(await owner.run(["search", "quokka", "--kinds", "notes,files"]), 2, /unknown kind "files"/);
  });

  it("without a login every command exits 6", async () => {
    const nobody = baseEnv({ MOSAIC_HOME: tempHome(), MOSAIC_URL: gw.url });
    for (const args of [
      ["note", "list"],
      ["note", "show", randomUUID()],
      ["memory", "pref", "list"],
      ["memory", "insight", "add", "x"],
      ["memory", "search", "x"],
      ["search", "x"],
    ]) {
      expectFailure(await runCli(args, nobody), 6, /not logged in — run `mosaic login/);
    }
  });
});
