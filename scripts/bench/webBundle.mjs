// The web dashboard's initial JS: every script index.html loads up front (entry + modulepreloads), gzipped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** Sums the gzip size of the JS that apps/web/dist/index.html references; lazy chunks don't count. */
export function initialJsGzip(distDir) {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) files.add(m[1]);
  if (!files.size) throw new Error(`no scripts found in ${distDir}/index.html — is the dashboard built?`);
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(join(distDir, file.replace(/^\//, "")))).length;
  return { bytes, files: [...files] };
}
