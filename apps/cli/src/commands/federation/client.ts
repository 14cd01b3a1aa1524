/**
 * @module A minimal HTTP client for the federation commands: `--url`/MOSAIC_URL and
 * `--token`/MOSAIC_TOKEN, JSON in and out, the error envelope turned back into a MosaicError (so the
 * CLI's exit codes apply). Same `json`/`empty` shape as a full gateway client, so it can be swapped.
 */
import { ErrorEnvelope, MosaicError } from "@mosaic/contracts";
import type { Command } from "commander";
import type { GatewayClient } from "../../client.js";
import { sessionOf } from "../../context.js";
import { CliError, EXIT } from "../../output.js";

export interface Parser<T> {
  parse(input: unknown): T;
}

const DEFAULT_URL = "http://127.0.0.1:4242";
const TIMEOUT_MS = 30_000;

export class FederationApiClient {
  readonly url: string;
  // Private: never printed by util.inspect, JSON.stringify or an error.
  readonly #token: string | undefined;

  constructor(url: string, token: string | undefined) {
    this.url = url.replace(/\/+$/, "");
    this.#token = token;
  }

  async json<T>(method: string, path: string, schema: Parser<T>, options: { body?: unknown } = {}): Promise<T> {
    const res = await this.send(method, path, options.body);
    try {
      return schema.parse(await res.json());
    } catch {
      throw new CliError(`${this.url}${path} answered with something this CLI does not understand`, EXIT.failure);
    }
  }

  async empty(method: string, path: string): Promise<void> {
    const res = await this.send(method, path, undefined);
    await res.body?.cancel();
  }

  private async send(method: string, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(this.url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: "error",
      });
    } catch (err) {
      throw new CliError(
        `cannot reach the gateway at ${this.url} (${(err as Error).message}) — is it running? (--url / MOSAIC_URL)`,
        EXIT.unavailable,
      );
    }
    if (res.ok) return res;
    const parsed = ErrorEnvelope.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new CliError(`the gateway answered ${res.status}`, EXIT.failure);
    const { code, message, details } = parsed.data.error;
    const where = details?.length ? ` (${details.map((d) => `${d.path}: ${d.message}`).join("; ")})` : "";
    const hint = code === "unauthenticated" ? " — pass --token or set MOSAIC_TOKEN to an admin's token" : "";
    throw new MosaicError(code, `${message}${where}${hint}`, details);
  }
}

/**
 * The client for a command: the signed-in profile's (`mosaic login`), like every other API command;
 * or, for scripts, an explicit admin token from `--token`/MOSAIC_TOKEN with `--url`/MOSAIC_URL.
 */
export function clientOf(command: Command, env: NodeJS.ProcessEnv = process.env): FederationApiClient | GatewayClient {
  const opts = command.optsWithGlobals<{ url?: string; token?: string }>();
  if (!opts.token && !env.MOSAIC_TOKEN?.trim()) return sessionOf(command).client;
  const url = opts.url ?? (env.MOSAIC_URL?.trim() || DEFAULT_URL);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http(s)");
  } catch {
    throw new CliError(`--url must be an http(s) URL (got ${url})`, EXIT.usage);
  }
  return new FederationApiClient(url, opts.token ?? (env.MOSAIC_TOKEN?.trim() || undefined));
}
