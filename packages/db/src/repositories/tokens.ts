/** @module Personal access tokens: stored by SHA-256 hash, looked up with the owner's status in one query. */
import { and, desc, eq, fillPlaceholders, gt, isNull, or, sql } from "drizzle-orm";
import { personalAccessTokens, users } from "../schema.js";
import type { Database } from "../store.js";
import { rawRows, toDate } from "./rawStatements.js";

export type TokenRow = typeof personalAccessTokens.$inferSelect;

/** What authentication needs to know about a presented token. */
export interface TokenOwner {
  tokenId: string;
  userId: string;
  role: "admin" | "member";
  lastUsedAt: Date | null;
}

interface RawOwner {
  token_hash: string;
  token_id: string;
  user_id: string;
  role: TokenOwner["role"];
  last_used_at: string | Date | null;
}

interface Waiter {
  resolve(owner: TokenOwner | null): void;
  reject(err: unknown): void;
}

/** At most this many tokens are looked up by one statement. */
const MAX_BATCH = 64;

export function tokensRepository(db: Database) {
  // Runs on every authenticated request: rendered once, and run without drizzle's row mapping.
  const usableStatement = db
    .select({
      tokenHash: sql<string>`${personalAccessTokens.tokenHash}`.as("token_hash"),
      tokenId: sql<string>`${personalAccessTokens.id}`.as("token_id"),
      userId: sql<string>`${users.id}`.as("user_id"),
      role: sql<string>`${users.role}`.as("role"),
      lastUsedAt: sql<string>`${personalAccessTokens.lastUsedAt}`.as("last_used_at"),
    })
    .from(personalAccessTokens)
    .innerJoin(users, eq(users.id, personalAccessTokens.userId))
    .where(
      and(
        sql`${personalAccessTokens.tokenHash} = ANY(${sql.placeholder("tokenHashes")}::text[])`,
        isNull(personalAccessTokens.revokedAt),
        or(isNull(personalAccessTokens.expiresAt), gt(personalAccessTokens.expiresAt, sql`now()`)),
        eq(users.disabled, false),
      ),
    )
    .toSQL();

  async function usableOwners(tokenHashes: string[]): Promise<Map<string, TokenOwner>> {
    const statement = { sql: usableStatement.sql, params: fillPlaceholders(usableStatement.params, { tokenHashes }) };
    const rows = await rawRows<RawOwner>(db, statement, "mosaic_token_owners");
    return new Map(
      rows.map((r) => [
        r.token_hash,
        {
          tokenId: r.token_id,
          userId: r.user_id,
          role: r.role,
          lastUsedAt: r.last_used_at === null ? null : toDate(r.last_used_at),
        },
      ]),
    );
  }

  /**
   * Checks asked for in the same turn of the event loop (requests that arrived together) share one
   * statement. Each still runs after its request arrived — nothing is answered from a cache — and
   * each gets only its own token's row.
   */
  let pending: Map<string, Waiter[]> | null = null;
  function enqueue(tokenHash: string): Promise<TokenOwner | null> {
    if (!pending) {
      const batch = new Map<string, Waiter[]>();
      pending = batch;
      setImmediate(() => {
        if (pending === batch) pending = null;
        usableOwners([...batch.keys()]).then(
          (owners) => {
            for (const [hash, waiters] of batch) for (const w of waiters) w.resolve(owners.get(hash) ?? null);
          },
          (err: unknown) => {
            for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
          },
        );
      });
    }
    const batch = pending;
    const promise = new Promise<TokenOwner | null>((resolve, reject) => {
      const waiters = batch.get(tokenHash);
      if (waiters) waiters.push({ resolve, reject });
      else batch.set(tokenHash, [{ resolve, reject }]);
    });
    // Bounded statements: a full batch goes out as it is, the next check starts another.
    if (batch.size >= MAX_BATCH) pending = null;
    return promise;
  }

  return {
    async create(input: {
      userId: string;
      name: string;
      tokenHash: string;
      prefix: string;
      expiresAt: Date | null;
    }): Promise<TokenRow> {
      const [row] = await db.insert(personalAccessTokens).values(input).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async listForUser(userId: string): Promise<TokenRow[]> {
      return db
        .select()
        .from(personalAccessTokens)
        .where(eq(personalAccessTokens.userId, userId))
        .orderBy(desc(personalAccessTokens.createdAt), desc(personalAccessTokens.id));
    },

    /** Revokes one of `userId`'s tokens; null when it isn't theirs (or doesn't exist). Idempotent. */
    async revoke(userId: string, id: string): Promise<TokenRow | null> {
      const [row] = await db
        .update(personalAccessTokens)
        .set({ revokedAt: sql`coalesce(${personalAccessTokens.revokedAt}, now())`, updatedAt: new Date() })
        .where(and(eq(personalAccessTokens.id, id), eq(personalAccessTokens.userId, userId)))
        .returning();
      return row ?? null;
    },

    /**
     * The owner of a usable token: not revoked, not expired, owner not disabled. Checked in the
     * query on every request (no cache), so revocation and disabling apply to the very next request.
     * One named prepared statement, rendered once, shared by the checks of one event-loop turn.
     */
    findUsable(tokenHash: string): Promise<TokenOwner | null> {
      return enqueue(tokenHash);
    },

    async touch(id: string): Promise<void> {
      await db.update(personalAccessTokens).set({ lastUsedAt: new Date() }).where(eq(personalAccessTokens.id, id));
    },
  };
}

export type TokensRepository = ReturnType<typeof tokensRepository>;
