/** E2E: `mosaic tui` in a real terminal (tmux) against a real gateway: open a project, move a task to done with keys. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, CLI, type GatewayProcess, startGateway, tempHome } from "../../../test/support/cli.js";
import { privateTmux } from "../../../test/support/tmux.js";
import { type CliUser, GATEWAY_START_MS, jsonOf, SETUP_MS, signUpUser } from "./actors.js";

const terminal = privateTmux("TUI terminal e2e", { requiredInCi: true });
const hasTmux = terminal.available;
const tmux = terminal.run;
const waitForScreen = (pattern: RegExp, timeoutMs?: number) =>
  terminal.waitForScreen("tui", pattern, { timeoutMs, intervalMs: 150 });

let gw: GatewayProcess;
let ada: CliUser;

beforeAll(async () => {
  if (!hasTmux) return;
  gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS);
  ada = await signUpUser(gw.url, "ada");
}, SETUP_MS);

afterAll(async () => {
  if (!hasTmux) return;
  terminal.killServer();
  await gw?.stop();
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
});
