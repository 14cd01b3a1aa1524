/** @module The `mosaic` command tree. */
import { Command } from "commander";
import { registerFederationCommands } from "./commands/federation.js";
import { registerGatewayCommands } from "./commands/gateway.js";
import { registerStorageCommands } from "./commands/storage.js";
import { VERSION } from "./version.js";

export function buildProgram(): Command {
  const program = new Command("mosaic")
    .description("Mosaic: your self-hosted AI agent gateway and second brain")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();
  registerGatewayCommands(program);
  registerStorageCommands(program);
  registerFederationCommands(program);
  return program;
}
