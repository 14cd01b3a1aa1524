/** @module Test factories for the gateway: a fresh app on PGlite, and users signed up through the real API. */
import { randomUUID } from "node:crypto";
import type { Store } from "@mosaic/db";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { localConfig, localStore } from "./fixtures.js";

export interface TestGateway {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/** A gateway on a fresh PGlite data dir; close() stops both. */
export async function testGateway(): Promise<TestGateway> {
  const config = localConfig();
  const store = await localStore(config);
  const app = await buildApp({ config, store, logger: false });
  await app.ready();
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A user signed up through POST /api/auth/sign-up, with its session cookie and a fresh token. */
export interface TestUser {
  id: string;
  email: string;
  role: string;
  /** `Cookie` header value of the user's session. */
  cookie: string;
  /** A personal access token (`mos_…`). */
  token: string;
  /** Headers authenticating as this user by token. */
  bearer: { authorization: string };
}

/** The `name=value` parts of Set-Cookie headers, joined as a Cookie header. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((c) => c.split(";")[0]).join("; ");
}

/** Signs a new user up (unique email per call) and creates a token for them. */
export async function signUp(app: FastifyInstance, label = "user"): Promise<TestUser> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/sign-up",
    payload: { email, password: "correct horse battery", name: label },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const cookie = cookieFrom(res.headers["set-cookie"]);
  const tokenRes = await app.inject({
    method: "POST",
    url: "/api/tokens",
    headers: { cookie },
    payload: { name: "test" },
  });
  if (tokenRes.statusCode !== 201) throw new Error(`token failed: ${tokenRes.statusCode} ${tokenRes.body}`);
  const token = tokenRes.json().secret as string;
  const user = res.json().user;
  return { id: user.id, email, role: user.role, cookie, token, bearer: { authorization: `Bearer ${token}` } };
}
