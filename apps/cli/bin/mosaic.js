#!/usr/bin/env node
// The `mosaic` binary: a committed shim so npm can link it before the first build.
import { existsSync } from "node:fs";

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("mosaic: not built yet — run `npm run build` (or `npm start`) in the repository first\n");
  process.exit(2);
}
// `npm start`'s path: a plain `mosaic gateway start` goes straight to the bundled gateway
// (apps/gateway/bundle/cliStart.js), which starts about twice as fast as the command tree plus
// the gateway. Anything else, or no bundle, takes the full command tree.
const start = await startFastPath();
if (!start) await import(main.href);

async function startFastPath() {
  const args = process.argv.slice(2);
  if (args[0] !== "gateway" || args[1] !== "start") return false;
  const { bundledStartCommand, plainStartOptions } = await import(
    new URL("../dist/startArgs.js", import.meta.url).href
  );
  const opts = plainStartOptions(args);
  const bundled = bundledStartCommand();
  if (!opts || !existsSync(bundled)) return false;
  const { startCommand } = await import(bundled.href);
  await startCommand(opts);
  return true;
}
