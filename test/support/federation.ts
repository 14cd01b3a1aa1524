/** @module E2E helpers for federation: a real gateway process with federation on, its admin, and raw TLS calls. */
import { randomBytes, randomUUID } from "node:crypto";
import { request } from "node:https";
import { baseEnv, type CliResult, freePort, type GatewayProcess, runCli, startGateway, tempHome } from "./cli.js";

export interface FederatedGateway {
  home: string;
  proc: GatewayProcess;
  enrollPort: number;
  federationPort: number;
  /** The master secret (MOSAIC_SECRET): tests unseal with it to plant canaries. */
  secret: string;
  admin: { id: string; email: string; token: string };
  /** Runs the built CLI against this gateway as its admin. */
  cli(args: string[]): Promise<CliResult>;
  /** Calls this gateway's API as its admin. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }>;
}

/** Starts `mosaic gateway start` with federation on 127.0.0.1 and signs up its first (admin) user. */
export async function startFederatedGateway(
  label: string,
  extra: Record<string, string> = {},
): Promise<FederatedGateway> {
  const home = tempHome();
  const [federationPort, enrollPort] = [await freePort(), await freePort()];
  const secret = randomBytes(32).toString("base64url");
  const proc = await startGateway(
    baseEnv({
      MOSAIC_HOME: home,
      MOSAIC_FEDERATION: "1",
      MOSAIC_FEDERATION_HOST: "127.0.0.1",
      MOSAIC_FEDERATION_PORT: String(federationPort),
      MOSAIC_ENROLL_PORT: String(enrollPort),
      MOSAIC_SECRET: secret,
      ...extra,
    }),
    // Three PGlite gateways booting at once on a busy CI machine can take a while.
    150_000,
  );
  const email = `admin-${label}-${randomUUID().slice(0, 6)}@example.com`;
  const headers = { "content-type": "application/json", origin: proc.url };
  const signUp = await fetch(`${proc.url}/api/auth/sign-up`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email, password: "correct horse battery", name: label }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up on ${label} failed: ${signUp.status} ${await signUp.text()}`);
  const cookie = (signUp.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const user = ((await signUp.json()) as { user: { id: string } }).user;
  const tokenRes = await fetch(`${proc.url}/api/tokens`, {
    method: "POST",
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: "e2e" }),
  });
  const token = ((await tokenRes.json()) as { secret: string }).secret;
  return {
    home,
    proc,
    enrollPort,
    federationPort,
    secret,
    admin: { id: user.id, email, token },
    cli: (args) => runCli(args, baseEnv({ MOSAIC_URL: proc.url, MOSAIC_TOKEN: token })),
    async api(method, path, body) {
      const res = await fetch(proc.url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: res.status, json, text };
    },
  };
}

/**
 * POSTs a CSR to an enrollment listener without verifying its certificate: for tests that attack A
 * directly (B's real client always pins the CA first).
 */
export function redeemRaw(port: number, token: string, csrPem: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: `/enroll/${token}`,
        rejectUnauthorized: false,
        agent: false,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ csr: csrPem }));
  });
}
