import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  describeApiError,
  exitCodeFor,
  GatewayClient,
  normaliseUrl,
  parseEnvelope,
  queryString,
} from "./client.js";
import { CliError } from "./output.js";

describe("exitCodeFor", () => {
  it.each([
    [400, "validation_error", 2],
    [401, "unauthenticated", 6],
    [403, "forbidden", 7],
    [404, "not_found", 4],
    [409, "conflict", 5],
    [410, "gone", 5],
    [413, "payload_too_large", 1],
    [429, "rate_limited", 1],
    [500, "internal", 1],
    [503, "service_unavailable", 3],
  ] as const)("%i %s → exit %i", (status, code, exit) => {
    expect(exitCodeFor(status, code)).toBe(exit);
  });
});

describe("describeApiError", () => {
  it("401 says which command logs in", () => {
    expect(describeApiError({ status: 401 }, "not signed in", "mosaic login --profile work")).toBe(
      "not signed in — run `mosaic login --profile work`",
    );
  });
  it("401 with a token given by flag or env gives the advice as it is, not as a command", () => {
    expect(describeApiError({ status: 401 }, "token revoked", "pass --token or set MOSAIC_TOKEN")).toBe(
      "token revoked — pass --token or set MOSAIC_TOKEN",
    );
  });
  it("400 lists every field path under the message", () => {
    const text = describeApiError(
      {
        status: 400,
        details: [
          { path: "body.name", message: "Too big" },
          { path: "query.limit", message: "Too small" },
        ],
      },
      "invalid body",
      "mosaic login",
    );
    expect(text).toBe("invalid body\n  body.name: Too big\n  query.limit: Too small");
  });
  it("429 says when to retry; 500 quotes the request id", () => {
    expect(describeApiError({ status: 429 }, "too many requests", "x", "30")).toBe("too many requests — retry in 30 s");
    expect(describeApiError({ status: 500, requestId: "req-7" }, "internal error", "x")).toMatch(/request id req-7/);
  });
  it("redacts credentials a message might carry", () => {
    expect(describeApiError({ status: 409 }, "postgres://u:pw@db/x is locked", "x")).toBe(
      "postgres://***@db/x is locked",
    );
  });
});

describe("parseEnvelope", () => {
  it("reads the documented envelope", () => {
    const text = JSON.stringify({ error: { code: "not_found", message: "project not found", requestId: "r1" } });
    expect(parseEnvelope(text)).toEqual({
      code: "not_found",
      message: "project not found",
      details: [],
      requestId: "r1",
    });
  });
  it("keeps the message of a code this CLI does not know yet (a newer gateway)", () => {
    expect(parseEnvelope(JSON.stringify({ error: { code: "grant_revoked", message: "grant revoked" } }))).toEqual({
      message: "grant revoked",
      details: [],
    });
  });
  it("is undefined for anything else", () => {
    for (const text of ["<html>502</html>", "", "null", JSON.stringify({ error: "x" })]) {
      expect(parseEnvelope(text)).toBeUndefined();
    }
  });
});

describe("normaliseUrl and queryString", () => {
  it("drops trailing slashes and keeps a path prefix", () => {
    expect(normaliseUrl("http://127.0.0.1:4242/")).toBe("http://127.0.0.1:4242");
    expect(normaliseUrl(" https://example.com/mosaic/ ")).toBe("https://example.com/mosaic");
  });
  it("refuses non-http URLs, credentials in the URL and non-URLs with exit 2", () => {
    for (const raw of ["ftp://x", "http://u:p@host", "127.0.0.1:4242", "nope"]) {
      expect(() => normaliseUrl(raw)).toThrow(CliError);
      try {
        normaliseUrl(raw);
      } catch (err) {
        expect((err as CliError).exitCode).toBe(2);
      }
    }
  });
  it("skips undefined values and encodes the rest", () => {
    expect(queryString({ a: undefined, limit: 5, cursor: "a b&c" })).toBe("?limit=5&cursor=a+b%26c");
    expect(queryString({})).toBe("");
  });
});

describe("GatewayClient against a real HTTP server", () => {
  let server: Server;
  let url: string;
  const seen: Array<{ path: string; authorization: string | undefined }> = [];
  const TOKEN = `mos_${"x".repeat(43)}`;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? "", authorization: req.headers.authorization });
      if (req.url === "/slow") return; // never answers
      if (req.url === "/html") {
        res.writeHead(502, { "content-type": "text/html" }).end("<h1>bad gateway</h1>");
        return;
      }
      if (req.url === "/denied") {
        res
          .writeHead(403, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { code: "forbidden", message: "admins only" } }));
        return;
      }
      if (req.url === "/wrong-shape") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ unexpected: true }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const okSchema = { parse: (v: unknown) => v as { ok: boolean } };

  it("sends the token as a bearer credential and parses the answer", async () => {
    const client = new GatewayClient({ url, token: TOKEN });
    expect(await client.json("GET", "/ok?x=1", okSchema)).toEqual({ ok: true });
    expect(seen.at(-1)).toEqual({ path: "/ok?x=1", authorization: `Bearer ${TOKEN}` });
  });

  it("maps an error envelope to ApiError with the exit code, never mentioning the token", async () => {
    const client = new GatewayClient({ url, token: TOKEN });
    const err = await client.json("GET", "/denied", okSchema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ exitCode: 7, status: 403, code: "forbidden", message: "admins only" });
    expect(JSON.stringify(err)).not.toContain(TOKEN);
    expect(String((err as Error).stack)).not.toContain(TOKEN);
  });

  it("an answer that is not a Mosaic error asks whether the URL is a Mosaic gateway", async () => {
    const err = await new GatewayClient({ url }).json("GET", "/html", okSchema).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 3, status: 502 });
    expect((err as Error).message).toMatch(/answered 502 without a Mosaic error — is the URL a Mosaic gateway\?/);
  });

  it("an answer that does not match the contract is a clear failure, not a crash", async () => {
    const strict = {
      parse: (v: unknown) => {
        if (!(v as { ok?: unknown }).ok) throw new Error("no ok");
        return v;
      },
    };
    const err = await new GatewayClient({ url }).json("GET", "/wrong-shape", strict).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 1 });
    expect((err as Error).message).toMatch(/does not match this CLI's contracts/);
  });

  it("times out with exit 3 and names the limit", async () => {
    const err = await new GatewayClient({ url, timeoutMs: 200 })
      .json("GET", "/slow", okSchema)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err).toMatchObject({ exitCode: 3 });
    expect((err as Error).message).toMatch(/did not answer within 0.2 s.*MOSAIC_TIMEOUT_MS/);
  });

  it("a request cancelled by its caller rejects with the AbortError itself, not a network error", async () => {
    const controller = new AbortController();
    const pending = new GatewayClient({ url }).json("GET", "/slow", okSchema, { signal: controller.signal });
    controller.abort();
    const err = await pending.catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(CliError);
    expect((err as Error).name).toBe("AbortError");
  });

  it("a closed port is exit 3 'gateway unreachable … is it running?'", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const err = await new GatewayClient({ url: `http://127.0.0.1:${port}` })
      .json("GET", "/x", okSchema)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 3 });
    expect((err as Error).message).toBe(
      `gateway unreachable at http://127.0.0.1:${port} (ECONNREFUSED) — is it running? (mosaic gateway start)`,
    );
  });
});
