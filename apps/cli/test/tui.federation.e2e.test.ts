/**
 * E2E: issue 7 in the TUI — the built `mosaic tui` in a real terminal (tmux) on gateway B, paired
 * with A through real enrollment (docs/federation/HARNESS.md): `o` cycles to "all gateways" and the
 * board shows A's tasks tagged [gw-a] next to B's own; with A stopped, the message line says partial.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, CLI, runCli, tempHome } from "../../../test/support/cli.js";
import {
  type FederatedGateway,
  pairGateways,
  SHARE_ALL,
  seedBed,
  startFederationBed,
} from "../../../test/support/federation.js";
import { privateTmux } from "../../../test/support/tmux.js";

const terminal = privateTmux("TUI federation e2e", { requiredInCi: true });
const hasTmux = terminal.available;
const waitForScreen = (pattern: RegExp, timeoutMs = 60_000) =>
  terminal.waitForScreen("fed", pattern, { timeoutMs, intervalMs: 150 });

let bed: Awaited<ReturnType<typeof startFederationBed>> | undefined;
let A: FederatedGateway;
let B: FederatedGateway;
let env: Record<string, string>;

/** The screen as text in test-artifacts/tui/, to look at after a run. */
const ARTIFACTS = resolve(import.meta.dirname, "../../../test-artifacts/tui");
function keep(name: string, screen: string): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(resolve(ARTIFACTS, `${name}.txt`), screen);
}

beforeAll(async () => {
  if (!hasTmux) return;
  bed = await startFederationBed(2);
  [A, B] = bed.gateways as [FederatedGateway, FederatedGateway];
  // A answers at most 2 rows a call, so its 6 shared tasks come in 3 pages: the board follows the
  // `source=all` cursor (which carries A's own cursor) to the end.
  await seedBed(A, { tasksPerProject: 3, notesPerPlace: 1 });
  await pairGateways(A, B, { name: "gw-a", scope: { ...SHARE_ALL, max_rows_per_query: 2 } });
  const project = (await B.api("POST", "/api/projects", { name: "B project" })).json as { project: { id: string } };
  const made = await B.api("POST", `/api/projects/${project.project.id}/tasks`, { title: "B own task" });
  if (made.status !== 201) throw new Error(`B's task: ${made.status} ${made.text}`);
  env = baseEnv({ MOSAIC_HOME: tempHome(), MOSAIC_URL: B.proc.url, TERM: "xterm-256color" });
  const login = await runCli(["login", "--token", B.admin.token], env);
  if (login.code !== 0) throw new Error(`CLI login on B failed: ${login.stderr}`);
}, 320_000);

afterAll(async () => {
  terminal.killServer();
  await bed?.stop();
});

describe.skipIf(!hasTmux)("mosaic tui reads through a peer", { timeout: 180_000 }, () => {
  it("o cycles to all gateways: A's task is on screen tagged [gw-a], next to B's own; A stopped → partial", async () => {
    const vars = Object.entries(env)
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    terminal.run(
      "new-session",
      "-d",
      "-s",
      "fed",
      "-x",
      "120",
      "-y",
      "30",
      `env -i ${vars} ${process.execPath} ${CLI} tui; echo "EXIT=$?"; sleep 60`,
    );
    await waitForScreen(/B project/);
    terminal.run("send-keys", "-t", "fed", "o");
    const screen = await waitForScreen(/\[gw-a\] (personal|team) task 0/);
    keep("federated-board-all", screen);
    expect(screen).toContain("all projects @ all gateways");
    await waitForScreen(/NOT-STARTED \(7\)/); // B's 1 + A's 3 personal + 3 team, over 3 pages of A
    expect(screen).toContain("B own task");
    expect(screen).not.toMatch(/\[gw-a\] outsider/);
    expect(screen).not.toContain("partial");

    // The next `o` reads A alone: only its tasks, still tagged.
    terminal.run("send-keys", "-t", "fed", "o");
    const peerOnly = await waitForScreen(/all projects @ gw-a[\s\S]*NOT-STARTED \(6\)/);
    await waitForScreen(/\[gw-a\] (personal|team) task 0/);
    keep("federated-board-peer", await waitForScreen(/\[gw-a\] (personal|team) task 0/));
    expect(peerOnly).not.toContain("B own task");

    await A.proc.stop();
    // o → local (the picker), o → all again: B's task with the partial notice naming gw-a.
    terminal.run("send-keys", "-t", "fed", "o");
    await waitForScreen(/B project/);
    terminal.run("send-keys", "-t", "fed", "o");
    const partial = await waitForScreen(/partial: gw-a unreachable/);
    keep("federated-board-partial", partial);
    expect(partial).toContain("B own task");
    expect(partial).not.toContain("[gw-a]");

    terminal.run("send-keys", "-t", "fed", "q");
    expect(await waitForScreen(/EXIT=\d+/)).toMatch(/EXIT=0/);
  });
});
