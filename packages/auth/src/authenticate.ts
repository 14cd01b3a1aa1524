/** @module authenticate(): a bearer token or a session cookie → the actor, checked against the database every time. */
import { unauthenticated } from "@mosaic/contracts";
import type { UsersRepository } from "@mosaic/db";
import { type Accounts, SESSION_COOKIE } from "./accounts.js";
import type { Actor } from "./actor.js";
import type { TokenService } from "./tokens.js";

/** The credentials of a request, as raw headers. */
export interface Credentials {
  authorization?: string | undefined;
  cookie?: string | undefined;
}

const BEARER = /^Bearer (\S+)$/;

export function createAuthenticator(deps: { accounts: Accounts; tokens: TokenService; users: UsersRepository }) {
  return {
    /**
     * Returns the actor, null when the request carries no credentials at all, or throws a 401 when
     * it carries bad ones. An Authorization header wins over a cookie; a malformed one is never
     * ignored in favour of the cookie.
     */
    async authenticate(credentials: Credentials): Promise<Actor | null> {
      if (credentials.authorization !== undefined) {
        const match = BEARER.exec(credentials.authorization);
        if (!match?.[1]) throw unauthenticated("malformed Authorization header — expected `Bearer mos_…`");
        const owner = await deps.tokens.verify(match[1]);
        return { userId: owner.userId, role: owner.role, via: "token" };
      }
      if (credentials.cookie?.includes(`${SESSION_COOKIE}=`)) {
        const userId = await deps.accounts.sessionUserId(credentials.cookie);
        if (!userId) throw unauthenticated("session expired or signed out — sign in again");
        // Read now, not from the session: disabling applies to the very next request.
        const user = await deps.users.findById(userId);
        if (!user || user.disabled) throw unauthenticated("this account is disabled — ask an admin");
        return { userId: user.id, role: user.role, via: "session" };
      }
      return null;
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
