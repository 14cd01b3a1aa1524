/** @module `mosaic tui [--project <id>]`: the Ink terminal UI over the logged-in gateway. */
import type { Command } from "commander";
import { withExamples } from "../commands/common.js";

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
    // Ink, React and the views load here: every other command would otherwise pay for them at start.
    const { runTui } = await import("./run.js");
    await runTui(opts, command);
  });
}
