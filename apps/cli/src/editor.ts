/** @module Editing text in the user's $VISUAL / $EDITOR: shared by `mosaic note edit` and the TUI's note editor. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliError } from "./output.js";

/** The editor command a person configured, as git picks it: $VISUAL, then $EDITOR, then vi. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL || env.EDITOR || "vi";
}

/**
 * Writes `text` to a private temp file, runs the editor on it and returns what it holds afterwards.
 * The editor runs through `sh -c` as git does, so `EDITOR="code --wait"` works. It runs
 * synchronously with the terminal inherited: nothing else in this process may read the keyboard
 * while the editor owns it (the TUI relies on this, see tui/suspend.ts).
 */
export function editInEditor(text: string): string {
  const editor = editorCommand();
  const dir = mkdtempSync(join(tmpdir(), "mosaic-note-"));
  const file = join(dir, "note.md");
  try {
    writeFileSync(file, text, { mode: 0o600 });
    const run = spawnSync("sh", ["-c", `${editor} "$@"`, editor, file], { stdio: "inherit" });
    if (run.error) throw new CliError(`could not start the editor "${editor}": ${run.error.message}`);
    if (run.status !== 0)
      throw new CliError(`the editor "${editor}" exited with ${run.status ?? run.signal} — nothing saved`);
    return readFileSync(file, "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
