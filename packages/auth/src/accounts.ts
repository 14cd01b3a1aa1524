/**
 * @module Email + password accounts and web sessions, by better-auth on our own tables (drizzle
 * adapter). better-auth is used through its server API only: no routes of its own are mounted, so
 * the gateway's routes, contracts and error envelope stay the one surface. better-auth (with kysely,
 * jose…) is a large import: it is loaded on the first sign-up, sign-in or session cookie, not at boot,
 * so a gateway answering bearer tokens only never pays for it.
 */
import { conflict, invalid, MosaicError, unauthenticated } from "@mosaic/contracts";
import { type Database, schema, type UserRow, type UsersRepository } from "@mosaic/db";
import type { betterAuth } from "better-auth";
import type { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { isAPIError } from "better-auth/api";

export const SESSION_COOKIE = "mosaic.session_token";

export interface AccountsDeps {
  db: Database;
  users: UsersRepository;
  /** Signs session cookies (derive it from the master secret). */
  secret: string;
  /** Where the gateway is reached; https makes cookies `Secure`. */
  baseURL: string;
}

/** The result of signing up or in: the user and the Set-Cookie header values to send. */
export interface SignedIn {
  user: UserRow;
  setCookie: string[];
}

interface BetterAuthModules {
  betterAuth: typeof betterAuth;
  drizzleAdapter: typeof drizzleAdapter;
  isAPIError: typeof isAPIError;
}

let modules: Promise<BetterAuthModules> | null = null;

function loadBetterAuth(): Promise<BetterAuthModules> {
  modules ??= Promise.all([
    import("better-auth"),
    import("better-auth/adapters/drizzle"),
    import("better-auth/api"),
  ]).then(([core, adapters, api]) => ({
    betterAuth: core.betterAuth,
    drizzleAdapter: adapters.drizzleAdapter,
    isAPIError: api.isAPIError,
  }));
  return modules;
}

function createBetterAuth({ betterAuth, drizzleAdapter }: BetterAuthModules, deps: AccountsDeps) {
  return betterAuth({
    secret: deps.secret,
    baseURL: deps.baseURL,
    basePath: "/api/auth",
    telemetry: { enabled: false },
    // Its warnings ("Invalid password") are the client's mistakes, answered with a 401: not log noise.
    logger: { level: "error" },
    database: drizzleAdapter(deps.db, {
      provider: "pg",
      schema: {
        users: schema.users,
        accounts: schema.accounts,
        sessions: schema.sessions,
        verifications: schema.verifications,
      },
    }),
    user: {
      modelName: "users",
      additionalFields: {
        // input: false — sign-up bodies can never set these (mass assignment).
        role: { type: "string", input: false, defaultValue: "member" },
        disabled: { type: "boolean", input: false, defaultValue: false },
      },
    },
    account: { modelName: "accounts" },
    session: { modelName: "sessions" },
    verification: { modelName: "verifications" },
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
    advanced: { cookiePrefix: "mosaic", database: { generateId: "uuid" } },
    databaseHooks: {
      session: {
        create: {
          // A disabled account gets no new session, whatever the password.
          before: async (session) => {
            const user = await deps.users.findById(session.userId);
            if (!user || user.disabled) throw unauthenticated("this account is disabled — ask an admin");
          },
        },
      },
    },
  });
}

/** better-auth's errors → our codes; our own errors (thrown from hooks) pass through. */
function mapAuthError({ isAPIError }: BetterAuthModules, err: unknown): never {
  if (err instanceof MosaicError) throw err;
  if (isAPIError(err)) {
    const code = err.body?.code;
    if (code === "USER_ALREADY_EXISTS" || code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL") {
      throw conflict("an account with this email already exists");
    }
    if (err.statusCode === 401 || code === "INVALID_EMAIL_OR_PASSWORD") {
      throw unauthenticated("wrong email or password");
    }
    if (err.statusCode === 400 || err.statusCode === 422) {
      throw invalid(err.body?.message ?? "invalid input");
    }
  }
  throw err;
}

export function createAccounts(deps: AccountsDeps) {
  let instance: Promise<{ auth: ReturnType<typeof createBetterAuth>; m: BetterAuthModules }> | null = null;
  const better = () => {
    instance ??= loadBetterAuth().then((m) => ({ auth: createBetterAuth(m, deps), m }));
    return instance;
  };

  async function userOf(id: string): Promise<UserRow> {
    const user = await deps.users.findById(id);
    if (!user) throw new MosaicError("internal", "account vanished while signing in");
    return user;
  }

  return {
    /** Creates an account and signs it in. The first account of the gateway becomes admin. */
    async signUp(input: { email: string; password: string; name: string }): Promise<SignedIn> {
      const { auth, m } = await better();
      const result = await auth.api
        .signUpEmail({ body: input, returnHeaders: true })
        .catch((err: unknown) => mapAuthError(m, err));
      await deps.users.promoteIfFirst(result.response.user.id);
      return { user: await userOf(result.response.user.id), setCookie: result.headers.getSetCookie() };
    },

    async signIn(input: { email: string; password: string }): Promise<SignedIn> {
      const { auth, m } = await better();
      const result = await auth.api
        .signInEmail({ body: input, returnHeaders: true })
        .catch((err: unknown) => mapAuthError(m, err));
      return { user: await userOf(result.response.user.id), setCookie: result.headers.getSetCookie() };
    },

    /** Ends the session the cookie names (if any) and returns the Set-Cookie values that clear it. */
    async signOut(cookie: string | undefined): Promise<string[]> {
      const { auth, m } = await better();
      const headers = new Headers(cookie ? { cookie } : {});
      const result = await auth.api.signOut({ headers, returnHeaders: true }).catch((err: unknown) => {
        if (m.isAPIError(err)) return null; // no or unknown session: signing out is still done
        throw err;
      });
      return result?.headers.getSetCookie() ?? [];
    },

    /**
     * The user id of the session in `cookie`, read from the database on every call (no cookie
     * cache), or null when there is no valid session.
     */
    async sessionUserId(cookie: string): Promise<string | null> {
      const { auth, m } = await better();
      const session = await auth.api
        .getSession({ headers: new Headers({ cookie }), query: { disableCookieCache: true, disableRefresh: true } })
        .catch((err: unknown) => {
          if (m.isAPIError(err)) return null;
          throw err;
        });
      return session?.user.id ?? null;
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
