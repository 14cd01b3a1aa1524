#!/usr/bin/env node
// The `mosaic` binary: a committed shim so npm can link it before the first build.
import { existsSync } from "node:fs";

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("mosaic: not built yet — run `npm run build` (or `npm start`) in the repository first\n");
  process.exit(2);
}
await import(main.href);
