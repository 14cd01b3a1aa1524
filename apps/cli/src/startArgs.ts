/**
 * @module Recognises a plain `mosaic gateway start` command line. Imports nothing: the `mosaic`
 * shim reads it before deciding whether to load the command tree or the bundled gateway.
 */

export interface StartOptions {
  port?: string | undefined;
  host?: string | undefined;
}

/**
 * The options of a command line that is exactly `gateway start` with `--port`/`--host` (as
 * `--port 8080` or `--port=8080`), or null for anything else (help, other flags, other commands),
 * which the full command tree handles.
 */
export function plainStartOptions(args: readonly string[]): StartOptions | null {
  if (args[0] !== "gateway" || args[1] !== "start") return null;
  const opts: StartOptions = {};
  for (let i = 2; i < args.length; i++) {
    const m = /^--(port|host)(?:=(.*))?$/.exec(args[i] ?? "");
    if (!m) return null;
    const value = m[2] ?? args[++i];
    if (value === undefined || value === "" || value.startsWith("-")) return null;
    opts[m[1] as "port" | "host"] = value;
  }
  return opts;
}

/**
 * `gateway start` bundled with the gateway (`npm run build` makes it): what both the `mosaic` shim
 * and the command tree load. Resolving the package loads none of it.
 */
export function bundledStartCommand(): URL {
  return new URL("../bundle/cliStart.js", import.meta.resolve("@mosaic/gateway"));
}
