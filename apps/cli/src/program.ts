/** @module The `mosaic` command tree. */
import { Command } from "commander";
import { registerAuthCommands } from "./commands/auth.js";
import { registerCompletionCommand } from "./commands/completion.js";
import { registerFederationCommands } from "./commands/federation.js";
import { registerGatewayCommands } from "./commands/gateway.js";
import { registerMemoryCommands } from "./commands/memory.js";
import { registerMissionCommands } from "./commands/mission.js";
import { registerNoteCommands } from "./commands/note.js";
import { registerProjectCommands } from "./commands/project.js";
import { registerSearchCommand } from "./commands/search.js";
import { registerStorageCommands } from "./commands/storage.js";
import { registerTaskCommands } from "./commands/task.js";
import { registerTeamCommands } from "./commands/team.js";
import { registerTokenCommands } from "./commands/token.js";
import { registerUserCommands } from "./commands/user.js";
import { registerTuiCommand } from "./tui/command.js";
import { VERSION } from "./version.js";

export function buildProgram(): Command {
  const program = new Command("mosaic")
    .description("Mosaic: your self-hosted AI agent gateway and second brain")
    .version(VERSION, "-V, --version")
    // Global: accepted before or after the subcommand (`mosaic --profile work project list`).
    .option("--profile <name>", "which stored login to use (env MOSAIC_PROFILE; default: default)")
    .option("--url <url>", "gateway URL (env MOSAIC_URL; default: the profile's, else http://127.0.0.1:4242)")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride()
    .addHelpText(
      "after",
      "\nStart with `mosaic gateway start`, then `mosaic signup` (first account) or `mosaic login`.\nAdd --json to any API command for machine-readable output. Exit codes: see docs/CLI.md.",
    );
  registerAuthCommands(program);
  registerProjectCommands(program);
  registerMissionCommands(program);
  registerTaskCommands(program);
  registerNoteCommands(program);
  registerMemoryCommands(program);
  registerSearchCommand(program);
  registerTeamCommands(program);
  registerTokenCommands(program);
  registerUserCommands(program);
  registerGatewayCommands(program);
  registerStorageCommands(program);
  registerCompletionCommand(program);
  registerFederationCommands(program);
  registerTuiCommand(program);
  return program;
}
