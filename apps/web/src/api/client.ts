/** @module The typed HTTP client: same-origin fetch with the session cookie, answers parsed by the contracts. */
import { ApiError, toApiError, unreachableError } from "./errors.js";

/** Anything with zod's `parse`: the contracts' schemas, without the web app depending on zod itself. */
export interface Schema<T> {
  parse(input: unknown): T;
}

export interface ClientOptions {
  /** Prefix of every path; "" in the browser (same origin as the dashboard). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Told after every attempt whether the gateway answered at all (drives the reconnect banner). */
  onReachable?: (reachable: boolean) => void;
  /** Told when a request that needed a session got 401: the session ended or the account was disabled. */
  onSessionLost?: () => void;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Set on sign-in and friends, where a 401 means "wrong password", not "your session ended". */
  expectUnauthenticated?: boolean;
}

export type Client = ReturnType<typeof createClient>;

export function queryString(query: RequestOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function createClient(options: ClientOptions = {}) {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    try {
      const res = await doFetch(`${baseUrl}${path}${queryString(opts.query)}`, {
        method,
        headers,
        credentials: "same-origin",
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      options.onReachable?.(res.status !== 502 && res.status !== 504);
      return res;
    } catch {
      // fetch rejects only when no HTTP answer arrived (refused, reset, DNS): the gateway is away.
      options.onReachable?.(false);
      throw unreachableError();
    }
  }

  async function failure(res: Response, opts: RequestOptions): Promise<ApiError> {
    const body = await res.json().catch(() => undefined);
    const err = toApiError(res.status, body, res.headers.get("x-request-id"));
    if (err.code === "unauthenticated" && !opts.expectUnauthenticated) options.onSessionLost?.();
    return err;
  }

  /** Sends a request and parses a 2xx JSON answer with `schema`; throws ApiError otherwise. */
  async function request<T>(method: string, path: string, schema: Schema<T>, opts: RequestOptions = {}): Promise<T> {
    const res = await send(method, path, opts);
    if (!res.ok) throw await failure(res, opts);
    const body: unknown = await res.json().catch(() => undefined);
    try {
      return schema.parse(body);
    } catch {
      // The dashboard and gateway are built together; a mismatch means an old tab or a proxy in the way.
      throw new ApiError(
        "bad_response",
        res.status,
        `The gateway's answer to ${method} ${path} did not match this dashboard's version — reload the page.`,
        {},
        res.headers.get("x-request-id") ?? undefined,
      );
    }
  }

  /** For answers without a body (204). */
  async function requestEmpty(method: string, path: string, opts: RequestOptions = {}): Promise<void> {
    const res = await send(method, path, opts);
    if (!res.ok) throw await failure(res, opts);
  }

  return {
    get: <T>(path: string, schema: Schema<T>, opts?: RequestOptions) => request("GET", path, schema, opts),
    post: <T>(path: string, schema: Schema<T>, opts?: RequestOptions) => request("POST", path, schema, opts),
    patch: <T>(path: string, schema: Schema<T>, opts?: RequestOptions) => request("PATCH", path, schema, opts),
    put: <T>(path: string, schema: Schema<T>, opts?: RequestOptions) => request("PUT", path, schema, opts),
    postEmpty: (path: string, opts?: RequestOptions) => requestEmpty("POST", path, opts),
    del: (path: string, opts?: RequestOptions) => requestEmpty("DELETE", path, opts),
  };
}
