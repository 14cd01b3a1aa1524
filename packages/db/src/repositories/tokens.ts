/** @module Personal access tokens: stored by SHA-256 hash, looked up with the owner's status in one query. */
import { and, desc, eq, fillPlaceholders, gt, isNull, or, sql } from "drizzle-orm";
import { personalAccessTokens, users } from "../schema.js";
import type { Database } from "../store.js";

export type TokenRow = typeof personalAccessTokens.$inferSelect;

/** What authentication needs to know about a presented token. */
export interface TokenOwner {
  tokenId: string;
  userId: string;
  role: "admin" | "member";
  lastUsedAt: Date | null;
}

interface RawOwner {
  token_id: string;
  user_id: string;
  role: TokenOwner["role"];
  last_used_at: string | Date | null;
}

export function tokensRepository(db: Database) {
  // Runs on every authenticated request: rendered once, and run without drizzle's row mapping.
  const findUsableStatement = db
    .select({
      tokenId: sql<string>`${personalAccessTokens.id}`.as("token_id"),
      userId: sql<string>`${users.id}`.as("user_id"),
      role: sql<string>`${users.role}`.as("role"),
      lastUsedAt: sql<string>`${personalAccessTokens.lastUsedAt}`.as("last_used_at"),
    })
    .from(personalAccessTokens)
    .innerJoin(users, eq(users.id, personalAccessTokens.userId))
    .where(
      and(
        eq(personalAccessTokens.tokenHash, sql.placeholder("tokenHash")),
        isNull(personalAccessTokens.revokedAt),
        or(isNull(personalAccessTokens.expiresAt), gt(personalAccessTokens.expiresAt, sql`now()`)),
        eq(users.disabled, false),
      ),
    )
    .toSQL();
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
     * One named prepared statement, rendered once: it runs on every authenticated request.
     */
    async findUsable(tokenHash: string): Promise<TokenOwner | null> {
      const statement = {
        sql: findUsableStatement.sql,
        params: fillPlaceholders(findUsableStatement.params, { tokenHash }),
      };
      const result = await db._.session.prepareQuery(statement, undefined, "mosaic_token_owner", false).execute();
      const [row] = (Array.isArray(result) ? result : ((result as { rows?: RawOwner[] }).rows ?? [])) as RawOwner[];
      if (!row) return null;
      return {
        tokenId: row.token_id,
        userId: row.user_id,
        role: row.role,
        lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
      };
    },

    async touch(id: string): Promise<void> {
      await db.update(personalAccessTokens).set({ lastUsedAt: new Date() }).where(eq(personalAccessTokens.id, id));
    },
  };
}

export type TokensRepository = ReturnType<typeof tokensRepository>;
