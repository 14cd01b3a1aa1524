// Bundles the built gateway (apps/gateway/dist) into apps/gateway/bundle: one file set instead of
// ~650 modules, which is most of its cold start. The bundle sits beside dist/ so the paths the
// gateway resolves relative to its own file (../package.json, ../../web/dist) still hold.
// Dynamic import()s stay lazy chunks (code splitting). Packages that load files next to their own
// code (wasm, tarballs, static assets) stay external and are loaded from node_modules.
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const gateway = resolve(import.meta.dirname, "../apps/gateway");
const outdir = join(gateway, "bundle");
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    index: join(gateway, "dist/index.js"),
    main: join(gateway, "dist/main.js"),
    // `mosaic gateway start` (npm start): the CLI's start command with the gateway, in one file set.
    cliStart: resolve(gateway, "../cli/dist/gatewayStart.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  mainFields: ["module", "main"],
  external: ["@electric-sql/pglite", "@electric-sql/pglite-pgvector", "pg-native", "@fastify/swagger-ui"],
  // CommonJS dependencies call require(); an ESM bundle has none of its own.
  banner: {
    js: "import { createRequire as __mosaicRequire } from 'node:module'; const require = __mosaicRequire(import.meta.url);",
  },
  logLevel: "warning",
});
