/**
 * @module B's mutual-TLS client for one peer: an undici Agent holding our client certificate and
 * key (in memory only) and trusting A's CA alone, speaking the verbs of federationWire.ts.
 */
import {
  CapabilitiesResponse,
  FEDERATION_API_PREFIX,
  type FederatedItem,
  type FederatedListBody,
  type FederatedSearchBody,
  type FederatedSearchResource,
  FederatedSearchResponse,
  type FederationResource,
  federatedGetResponse,
  federatedListResponse,
} from "@mosaic/contracts";
import { Agent, request } from "undici";
import type { z } from "zod";
import { FederationClientError, statusError, transportError } from "./clientError.js";

/** What the client needs of a peer row, with the key already unsealed. */
export interface PeerConnection {
  name: string;
  /** `https://host:port` of A's federation listener, as A sent it at enrollment. */
  federationUrl: string;
  caCertPem: string;
  clientCertPem: string;
  privateKeyPem: string;
}

/** Whether a call reached A and got an answer that says A is healthy (2xx or a plain 404). */
export type CallOutcome = "success" | "failure";

export interface FederationClientOptions {
  peer: PeerConnection;
  /** Bounds the connect, the wait for headers, the body, and the call as a whole. */
  timeoutMs: number;
  /** Told after each call, for the peer's lastSuccessAt/lastFailureAt. */
  onOutcome?: (outcome: CallOutcome, error?: FederationClientError) => void;
  /** Idle keep-alive sockets are closed after this long (default 30 s). */
  keepAliveMs?: number;
}

export interface FederatedPage<R extends FederationResource> {
  items: FederatedItem<R>[];
  next_cursor: string | null;
}

export interface FederationClient {
  readonly peer: string;
  capabilities(): Promise<CapabilitiesResponse>;
  list<R extends FederationResource>(resource: R, body: Partial<FederatedListBody>): Promise<FederatedPage<R>>;
  get<R extends FederationResource>(resource: R, id: string): Promise<{ item: FederatedItem<R> }>;
  search(resource: FederatedSearchResource, body: FederatedSearchBody): Promise<FederatedSearchResponse>;
  /** Closes the keep-alive sockets; later calls fail. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function createFederationClient(options: FederationClientOptions): FederationClient {
  const { peer, timeoutMs } = options;
  const origin = new URL(peer.federationUrl).origin;
  // A's CA is the only trust anchor: `ca` replaces Node's bundle. The server's name is checked
  // against the host of A's federation URL (undici sets servername from it; IPs match IP SANs).
  const agent = new Agent({
    connect: {
      ca: [peer.caCertPem],
      cert: peer.clientCertPem,
      key: peer.privateKeyPem,
      rejectUnauthorized: true,
      timeout: timeoutMs,
    },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: 10 * 60_000,
  });

  async function call<T>(method: "GET" | "POST", path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    try {
      const result = await send(method, path, schema, body);
      options.onOutcome?.("success");
      return result;
    } catch (err) {
      const error = err instanceof FederationClientError ? err : transportError(peer.name, err);
      options.onOutcome?.(error.kind === "not_found" ? "success" : "failure", error);
      throw error;
    }
  }

  async function send<T>(method: "GET" | "POST", path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const response = await request(`${origin}${FEDERATION_API_PREFIX}/${path}`, {
      method,
      dispatcher: agent,
      headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      // The per-phase timeouts above can add up; this bounds the whole call.
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await readBounded(peer.name, response.body);
    const parsed = parseJson(text);
    if (response.statusCode < 200 || response.statusCode > 299) {
      const retryAfter = response.headers["retry-after"];
      throw statusError(
        peer.name,
        response.statusCode,
        parsed,
        typeof retryAfter === "string" ? retryAfter : undefined,
      );
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
      throw new FederationClientError({ kind: "bad_payload", peer: peer.name, status: response.statusCode });
    }
    return checked.data;
  }

  /** A's `_source` is A's own name for itself; B shows its name for the peer. */
  const retag = <T extends { _source: string }>(item: T): T => ({ ...item, _source: peer.name });

  return {
    peer: peer.name,
    capabilities: () => call("GET", "capabilities", CapabilitiesResponse),
    async list<R extends FederationResource>(resource: R, body: Partial<FederatedListBody>) {
      const schema = federatedListResponse(resource) as unknown as z.ZodType<FederatedPage<R>>;
      const page = await call("POST", `list/${resource}`, schema, {
        filter: body.filter ?? {},
        ...(body.cursor === undefined ? {} : { cursor: body.cursor }),
        ...(body.limit === undefined ? {} : { limit: body.limit }),
      });
      return { items: page.items.map(retag), next_cursor: page.next_cursor };
    },
    async get<R extends FederationResource>(resource: R, id: string) {
      const schema = federatedGetResponse(resource) as unknown as z.ZodType<{ item: FederatedItem<R> }>;
      const answer = await call("POST", `get/${resource}/${encodeURIComponent(id)}`, schema, {});
      return { item: retag(answer.item) };
    },
    async search(resource, body) {
      const answer = await call("POST", `search/${resource}`, FederatedSearchResponse, body);
      return { mode: answer.mode, items: answer.items.map(retag) };
    },
    close: () => agent.close(),
  };
}

async function readBounded(peer: string, body: AsyncIterable<Buffer | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new FederationClientError({ kind: "bad_payload", peer, causeCode: "TOO_LARGE" });
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
