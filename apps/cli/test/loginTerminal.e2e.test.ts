/** E2E: interactive `mosaic login` in a real terminal (tmux): prompts, and the password is never echoed. */
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, CLI, type GatewayProcess, startGateway, tempHome } from "../../../test/support/cli.js";
import { type CliUser, GATEWAY_START_MS, PASSWORD, SETUP_MS, signUpUser, storedToken } from "./actors.js";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!hasTmux) process.stderr.write("[skip] interactive login e2e: tmux is not installed\n");

// Our own tmux server (-L): the tests never touch anyone else's sessions.
const socket = `mosaic-e2e-${randomUUID().slice(0, 8)}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args]).toString();

let gw: GatewayProcess;
let ada: CliUser;

beforeAll(async () => {
  if (!hasTmux) return;
  gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), GATEWAY_START_MS);
  ada = await signUpUser(gw.url, "ada");
}, SETUP_MS);

afterAll(async () => {
  if (!hasTmux) return;
  spawnSync("tmux", ["-L", socket, "kill-server"]);
  await gw?.stop();
});

async function waitForScreen(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = "";
  while (Date.now() < deadline) {
    screen = tmux("capture-pane", "-p", "-t", "login");
    if (pattern.test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern} on the screen:\n${screen}`);
}

describe.skipIf(!hasTmux)("interactive login on a terminal", () => {
  it("asks for the email and a hidden password, logs in, and the password never reaches the screen", async () => {
    const home = tempHome();
    const env = Object.entries(baseEnv({ MOSAIC_HOME: home }))
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    const command = `env -i ${env} ${process.execPath} ${CLI} login --url ${gw.url}; echo "EXIT=$?"; sleep 60`;
    tmux("new-session", "-d", "-s", "login", "-x", "160", "-y", "20", command);

    await waitForScreen(/^Email:/m);
    tmux("send-keys", "-t", "login", ada.email, "Enter");
    await waitForScreen(/^Password:/m);
    tmux("send-keys", "-t", "login", "-l", PASSWORD);
    tmux("send-keys", "-t", "login", "Enter");
    const screen = await waitForScreen(/EXIT=\d+/);

    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toContain(`logged in to ${gw.url} as ${ada.email}`);
    expect(screen).not.toContain(PASSWORD);
    expect(storedToken(home)).toMatch(/^mos_/);
    expect(screen).not.toContain(storedToken(home));
  });
});
