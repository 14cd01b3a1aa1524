#!/usr/bin/env node
/** @module The `mosaic` binary. */
import { CommanderError } from "commander";
import { EXIT, reportError } from "./output.js";
import { buildProgram } from "./program.js";

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
