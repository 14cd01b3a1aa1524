/**
 * E2E: `mosaic tui` in a real terminal (tmux) against a real gateway: open a project, move a task to
 * done with keys; edit a note through a scripted $EDITOR; search as you type and find an insight.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, CLI, type GatewayProcess, startGateway, tempHome } from "../../../test/support/cli.js";
import { privateTmux } from "../../../test/support/tmux.js";
import { type CliUser, GATEWAY_START_MS, jsonOf, SETUP_MS, signUpUser } from "./actors.js";

const terminal = privateTmux("TUI terminal e2e", { requiredInCi: true });
const hasTmux = terminal.available;
const tmux = terminal.run;
const waitForScreen = (pattern: RegExp, timeoutMs?: number, session = "tui") =>
  terminal.waitForScreen(session, pattern, { timeoutMs, intervalMs: 150 });

let gw: GatewayProcess;
let ada: CliUser;
let scripts: string | undefined;

/** Runs the built `mosaic tui …` as ada in a fresh 80×24 tmux session, with extra environment. */
function openTui(session: string, args: string, extraEnv: Record<string, string> = {}): void {
  const env = Object.entries({ ...ada.env, TERM: "xterm-256color", ...extraEnv })
    .map(([k, v]) => `${k}='${v}'`)
    .join(" ");
  const command = `env -i ${env} ${process.execPath} ${CLI} tui ${args}; echo "EXIT=$?"; sleep 60`;
  tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
}

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${gw.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ada.token()}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  if (!hasTmux) return;
  gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS);
  ada = await signUpUser(gw.url, "ada");
}, SETUP_MS);

afterAll(async () => {
  if (!hasTmux) return;
  terminal.killServer();
  await gw?.stop();
  if (scripts) rmSync(scripts, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)("mosaic tui in a terminal", () => {
  it("opens a project from the picker, moves a task to done with m 5, and the API agrees", async () => {
    const { project } = jsonOf(await ada.run(["project", "create", "Home lab", "--json"])) as {
      project: { id: string };
    };
    const created = await fetch(`${gw.url}/api/projects/${project.id}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${ada.token()}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Wire the rack" }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { task } = (await created.json()) as { task: { id: string } };

    const env = Object.entries({ ...ada.env, TERM: "xterm-256color" })
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    tmux(
      "new-session",
      "-d",
      "-s",
      "tui",
      "-x",
      "80",
      "-y",
      "24",
      `env -i ${env} ${process.execPath} ${CLI} tui; echo "EXIT=$?"; sleep 60`,
    );

    await waitForScreen(/Home lab/);
    await waitForScreen(/● live/);
    tmux("send-keys", "-t", "tui", "Enter");
    await waitForScreen(/NOT-STARTED \(1\)/);
    tmux("send-keys", "-t", "tui", "m");
    await waitForScreen(/5 done/);
    tmux("send-keys", "-t", "tui", "5");
    const screen = await waitForScreen(/DONE \(1\)/);

    // The card followed its move: the done column is in view with the task under its header.
    const lines = screen.split("\n");
    const header = lines.find((l) => l.includes("DONE (1)")) ?? "";
    const column = header.indexOf("DONE (1)");
    expect(lines.some((l) => l.slice(column).startsWith("›Wire the rack"))).toBe(true);

    const res = await fetch(`${gw.url}/api/tasks/${task.id}`, { headers: { authorization: `Bearer ${ada.token()}` } });
    expect(((await res.json()) as { task: { status: string } }).task.status).toBe("done");

    tmux("send-keys", "-t", "tui", "q");
    expect(await waitForScreen(/EXIT=\d+/)).toMatch(/EXIT=0/);
  });

  it("edits a note through $EDITOR and the API has the new text; search as you type finds a seeded insight", async () => {
    const { project } = jsonOf(await ada.run(["project", "create", "Garden", "--json"])) as { project: { id: string } };
    const made = await api("POST", `/api/projects/${project.id}/notes`, {
      title: "Seed order",
      body: "# Seeds\n\n- tomatoes\n",
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const { note } = (await made.json()) as { note: { id: string } };
    const insight = await api("POST", "/api/memory/insights", {
      text: "Ada waters the greenhouse at dawn",
      category: "habit",
    });
    expect(insight.status, await insight.clone().text()).toBe(201);

    // The scripted editor: a real process run by the TUI on the note's temp file, appending a line.
    scripts = mkdtempSync(join(tmpdir(), "mosaic-tui-e2e-"));
    const editor = join(scripts, "editor.sh");
    writeFileSync(editor, `#!/bin/sh\nprintf -- '- basil\\n' >> "$1"\n`);
    chmodSync(editor, 0o755);

    openTui("notes", `--project ${project.id}`, { EDITOR: editor });
    await waitForScreen(/Mosaic › Garden › kanban/, undefined, "notes");
    await waitForScreen(/● live/, undefined, "notes");
    // A real SIGWINCH: the board re-lays itself out for the new size, and back.
    await waitForScreen(/columns 1–3 of 6/, undefined, "notes");
    tmux("resize-window", "-t", "notes", "-x", "130", "-y", "30");
    await waitForScreen(/columns 1–5 of 6/, undefined, "notes");
    tmux("resize-window", "-t", "notes", "-x", "80", "-y", "24");
    const narrow = await waitForScreen(/columns 1–3 of 6/, undefined, "notes");
    for (const line of narrow.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    tmux("send-keys", "-t", "notes", "n");
    await waitForScreen(/› Seed order/, undefined, "notes");
    tmux("send-keys", "-t", "notes", "Enter");
    await waitForScreen(/• tomatoes/, undefined, "notes");
    tmux("send-keys", "-t", "notes", "e");
    const saved = await waitForScreen(/saved "Seed order"/, undefined, "notes");
    // The reader was drawn again after the editor returned, now with the new line.
    expect(saved).toMatch(/• basil/);
    const after = await api("GET", `/api/notes/${note.id}`);
    expect(((await after.json()) as { note: { body: string } }).note.body).toBe("# Seeds\n\n- tomatoes\n- basil\n");

    // Back to the board (Esc twice), then search: typed key by key, answered as typing pauses.
    tmux("send-keys", "-t", "notes", "Escape");
    await waitForScreen(/Enter read · e edit/, undefined, "notes");
    tmux("send-keys", "-t", "notes", "Escape");
    await waitForScreen(/Mosaic › Garden › kanban/, undefined, "notes");
    tmux("send-keys", "-t", "notes", "/");
    await waitForScreen(/search:/, undefined, "notes");
    for (const key of "greenhouse") tmux("send-keys", "-t", "notes", "-l", key);
    const found = await waitForScreen(
      /insight\s+\d\.\d{3}\s+habit — Ada waters the greenhouse at dawn/,
      undefined,
      "notes",
    );
    expect(found).toMatch(/result\(s\) for "greenhouse"/);

    tmux("send-keys", "-t", "notes", "Escape");
    await waitForScreen(/Mosaic › Garden › kanban/, undefined, "notes");
    tmux("send-keys", "-t", "notes", "q");
    expect(await waitForScreen(/EXIT=\d+/, undefined, "notes")).toMatch(/EXIT=0/);
  });
});
