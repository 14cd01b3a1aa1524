#!/usr/bin/env node
/** @module The `mosaic` binary. */
import { CommanderError } from "commander";
import { EXIT, reportError } from "./output.js";
import { buildProgram } from "./program.js";

// `mosaic … | head`: the reader went away; the rest of the output has nowhere to go.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(EXIT.ok);
  throw err;
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // commander already printed the message (or help/version, which exit 0).
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = reportError(err);
  }
}
