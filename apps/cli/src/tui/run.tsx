/** @module Runs the Ink TUI: loaded only by `mosaic tui`, so other commands never load Ink or React. */

import { MeResponse } from "@mosaic/contracts";
import type { Command } from "commander";
import { render } from "ink";
import { sessionOf } from "../context.js";
import { CliError, EXIT } from "../output.js";
import { App } from "./App.js";
import { tuiApi } from "./api.js";
import { openLiveFeed } from "./live.js";
import { enterFullScreen } from "./terminal.js";

export async function runTui(opts: { project?: string }, command: Command): Promise<void> {
  const { profile, token, client } = sessionOf(command);
  // Ink needs a terminal for raw keys; piped, it would hang waiting for input that never comes.
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError("mosaic tui needs an interactive terminal — use the other commands in scripts", EXIT.usage);
  }
  // With MOSAIC_TOKEN there is no stored profile to name the user: ask the gateway.
  const user = profile?.user.email ?? (await client.json("GET", "/api/me", MeResponse)).user.email;
  // The alternate screen: the TUI owns the whole terminal, and the shell's screen comes back on exit.
  const leaveFullScreen = enterFullScreen(process.stdout);
  const app = render(
    <App
      api={tuiApi(client)}
      connectLive={(handlers) => openLiveFeed({ url: client.url, token, ...handlers })}
      gatewayUrl={client.url}
      user={user}
      initialProjectId={opts.project}
      width={process.stdout.columns || 80}
      height={process.stdout.rows || 24}
    />,
    { exitOnCtrlC: true },
  );
  try {
    await app.waitUntilExit();
  } finally {
    leaveFullScreen();
  }
}
