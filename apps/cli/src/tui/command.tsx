/** @module `mosaic tui [--project <id>]`: the Ink terminal UI over the logged-in gateway. */
import type { Command } from "commander";
import { render } from "ink";
import { withExamples } from "../commands/common.js";
import { sessionOf } from "../context.js";
import { CliError, EXIT } from "../output.js";
import { App } from "./App.js";
import { tuiApi } from "./api.js";
import { openLiveFeed } from "./live.js";
import { enterFullScreen } from "./terminal.js";

export function registerTuiCommand(program: Command): void {
  withExamples(
    program
      .command("tui")
      .description(
        "keyboard-driven terminal UI: projects, missions, a live kanban of tasks, notes (edited in $EDITOR), search as you type (press ? for keys)",
      )
      .option("--project <id>", "open straight into this project's board"),
    ["mosaic tui", "mosaic tui --project <projectId>", "mosaic --profile work tui"],
  ).action(async (opts: { project?: string }, command: Command) => {
    const { profile, client } = sessionOf(command);
    // Ink needs a terminal for raw keys; piped, it would hang waiting for input that never comes.
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new CliError("mosaic tui needs an interactive terminal — use the other commands in scripts", EXIT.usage);
    }
    // The alternate screen: the TUI owns the whole terminal, and the shell's screen comes back on exit.
    const leaveFullScreen = enterFullScreen(process.stdout);
    const app = render(
      <App
        api={tuiApi(client)}
        connectLive={(handlers) => openLiveFeed({ url: client.url, token: profile.token, ...handlers })}
        gatewayUrl={client.url}
        user={profile.user.email}
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
  });
}
