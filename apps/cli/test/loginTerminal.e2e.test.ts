/** E2E: interactive `mosaic login` in a real terminal (tmux): prompts, and the password is never echoed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, CLI, type GatewayProcess, startGateway, tempHome } from "../../../test/support/cli.js";
import { privateTmux } from "../../../test/support/tmux.js";
import { type CliUser, GATEWAY_START_MS, PASSWORD, SETUP_MS, signUpUser, storedToken } from "./actors.js";

const terminal = privateTmux("interactive login e2e");
const hasTmux = terminal.available;
const tmux = terminal.run;
const waitForScreen = (pattern: RegExp, timeoutMs?: number) =>
  terminal.waitForScreen("login", pattern, { timeoutMs, intervalMs: 100 });

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
