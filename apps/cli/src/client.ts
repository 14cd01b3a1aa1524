/** @module The CLI's HTTP client for the gateway API: bearer auth, timeouts, the error envelope mapped to exit codes. */
import { type ErrorCode, type ErrorDetail, ErrorEnvelope, redactSecrets } from "@mosaic/contracts";
import { CliError, EXIT } from "./output.js";

/** Anything with a zod-like `parse`: the response schemas from @mosaic/contracts. */
export interface Parser<T> {
  parse(input: unknown): T;
}

export type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** Extra headers (login sends the session cookie); never logged. */
  headers?: Record<string, string>;
  /** Cancels the request (the TUI's search drops a stale query); the AbortError is rethrown as is. */
  signal?: AbortSignal;
}

export interface GatewayClientOptions {
  /** Base URL of the gateway, e.g. http://127.0.0.1:4242 (no trailing slash needed). */
  url: string;
  /** A personal access token (`mos_…`), sent as a bearer credential. */
  token?: string | undefined;
  timeoutMs?: number;
  /** The command that fixes a 401, e.g. `mosaic login --profile work`. */
  loginHint?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A gateway answered with an error envelope (or something that is not one). */
export class ApiError extends CliError {
  readonly status: number;
  readonly code: ErrorCode | undefined;
  readonly details: ErrorDetail[];
  readonly requestId: string | undefined;
  /** The gateway's own message, without the CLI's hint. */
  readonly serverMessage: string;
  constructor(
    message: string,
    exitCode: number,
    props: { status: number; code?: ErrorCode; details?: ErrorDetail[]; requestId?: string; serverMessage?: string },
  ) {
    super(message, exitCode);
    this.serverMessage = redactSecrets(props.serverMessage ?? message);
    this.status = props.status;
    this.code = props.code;
    this.details = props.details ?? [];
    this.requestId = props.requestId;
  }
}

export class GatewayClient {
  readonly url: string;
  // A private field: the token never shows up in util.inspect, JSON.stringify or an error.
  readonly #token: string | undefined;
  readonly #timeoutMs: number;
  readonly #loginHint: string;

  constructor(options: GatewayClientOptions) {
    this.url = normaliseUrl(options.url);
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#loginHint = options.loginHint ?? "mosaic login";
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** Sends a request and parses the JSON answer with `schema`; errors become ApiError / CliError. */
  async json<T>(method: string, path: string, schema: Parser<T>, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw unexpectedAnswer(this.url, path, `${res.status} without a JSON body`);
    }
    try {
      return schema.parse(body);
    } catch {
      throw unexpectedAnswer(this.url, path, "a body that does not match this CLI's contracts");
    }
  }

  /** For 204 answers (delete, revoke, leave, sign-out). */
  async empty(method: string, path: string, options: RequestOptions = {}): Promise<void> {
    const res = await this.send(method, path, options);
    await res.body?.cancel();
  }

  /** Sends a request; a non-2xx answer throws. The caller reads the body (login reads Set-Cookie too). */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(this.url + path + queryString(options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal
          ? AbortSignal.any([options.signal, AbortSignal.timeout(this.#timeoutMs)])
          : AbortSignal.timeout(this.#timeoutMs),
        redirect: "error",
      });
    } catch (err) {
      // The caller gave up on this request: not the gateway's fault, so not a network error.
      if (options.signal?.aborted) throw err;
      throw networkError(this.url, err, this.#timeoutMs);
    }
    if (res.ok) return res;
    throw await errorFromResponse(res, this.#loginHint);
  }
}

/** `http://h:1/` → `http://h:1`; refuses anything that is not an http(s) URL. */
export function normaliseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CliError(`not a URL: "${raw}" — expected e.g. http://127.0.0.1:4242`, EXIT.usage);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`the gateway URL must be http:// or https:// (got ${url.protocol})`, EXIT.usage);
  }
  if (url.username || url.password) {
    throw new CliError("the gateway URL must not hold credentials; use mosaic login", EXIT.usage);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function networkError(url: string, err: unknown, timeoutMs: number): CliError {
  const e = err as Error & { cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") {
    return new CliError(
      `the gateway at ${url} did not answer within ${timeoutMs / 1000} s — is it overloaded or stuck? (MOSAIC_TIMEOUT_MS raises the limit)`,
      EXIT.unavailable,
    );
  }
  // undici hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, "bad port"), sometimes per address tried.
  const why = e?.cause?.code ?? e?.cause?.errors?.[0]?.code ?? e?.cause?.message ?? e?.message ?? "network error";
  return new CliError(
    `gateway unreachable at ${url} (${why}) — is it running? (mosaic gateway start)`,
    EXIT.unavailable,
  );
}

function unexpectedAnswer(url: string, path: string, what: string): CliError {
  return new CliError(
    `${url}${path} answered with ${what} — is this a Mosaic gateway of the same version as this CLI?`,
    EXIT.failure,
  );
}

/** The one mapping from an HTTP error answer to a message a person can act on and an exit code. */
export async function errorFromResponse(res: Response, loginHint: string): Promise<CliError> {
  const text = await res.text().catch(() => "");
  const envelope = parseEnvelope(text);
  if (!envelope) {
    return new ApiError(
      `${res.url || "the gateway"} answered ${res.status} without a Mosaic error — is the URL a Mosaic gateway?`,
      res.status >= 500 ? EXIT.unavailable : EXIT.failure,
      { status: res.status },
    );
  }
  const props = { status: res.status, ...envelope, serverMessage: envelope.message };
  const message = describeApiError(props, envelope.message, loginHint, res.headers.get("retry-after"));
  return new ApiError(message, exitCodeFor(res.status, envelope.code), props);
}

/**
 * Reads `{ error: { code, message, details, requestId } }` leniently: a code this CLI does not know
 * yet (a newer gateway) still yields the gateway's message, mapped by HTTP status.
 */
export function parseEnvelope(
  text: string,
): { code?: ErrorCode; message: string; details: ErrorDetail[]; requestId?: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const strict = ErrorEnvelope.safeParse(body);
  if (strict.success) {
    const { code, message, details, requestId } = strict.data.error;
    return { code, message, details: details ?? [], ...(requestId ? { requestId } : {}) };
  }
  const error = (body as { error?: { message?: unknown; requestId?: unknown } } | null)?.error;
  if (typeof error?.message !== "string") return undefined;
  return {
    message: error.message,
    details: [],
    ...(typeof error.requestId === "string" ? { requestId: error.requestId } : {}),
  };
}

/** Exit code for an error answer: the documented table in docs/CLI.md. */
export function exitCodeFor(status: number, code: ErrorCode | undefined): number {
  if (code === "validation_error" || status === 400) return EXIT.usage;
  if (status === 401) return EXIT.unauthenticated;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 410) return EXIT.conflict;
  if (status === 503) return EXIT.unavailable;
  return EXIT.failure;
}

/** The text printed after `mosaic: ` for an error answer. Pure, so it is unit-tested. */
export function describeApiError(
  error: { status: number; details?: ErrorDetail[]; requestId?: string },
  message: string,
  loginHint: string,
  retryAfter: string | null = null,
): string {
  const safe = redactSecrets(message);
  // A hint is a command to run (`mosaic login …`) or, for a token given by flag or env, advice.
  if (error.status === 401)
    return loginHint.startsWith("mosaic ") ? `${safe} — run \`${loginHint}\`` : `${safe} — ${loginHint}`;
  if (error.status === 400) {
    const lines = (error.details ?? []).map((d) => `  ${d.path}: ${d.message}`);
    return lines.length ? `${safe}\n${lines.join("\n")}` : safe;
  }
  if (error.status === 429) return `${safe} — retry${retryAfter ? ` in ${retryAfter} s` : " later"}`;
  if (error.status >= 500) {
    return `${safe}${error.requestId ? ` (request id ${error.requestId}; the gateway's log has the cause)` : ""}`;
  }
  return safe;
}
