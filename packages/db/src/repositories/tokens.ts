/** @module Personal access tokens: stored by SHA-256 hash, looked up with the owner's status in one query. */
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
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

export function tokensRepository(db: Database) {
  const findUsableQuery = db
    .select({
      tokenId: personalAccessTokens.id,
      userId: users.id,
      role: users.role,
      lastUsedAt: personalAccessTokens.lastUsedAt,
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
    .prepare("mosaic_token_owner");
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
     * One prepared statement, built once: it runs on every authenticated request.
     */
    async findUsable(tokenHash: string): Promise<TokenOwner | null> {
      const [row] = await findUsableQuery.execute({ tokenHash });
      return row ?? null;
    },

    async touch(id: string): Promise<void> {
      await db.update(personalAccessTokens).set({ lastUsedAt: new Date() }).where(eq(personalAccessTokens.id, id));
    },
  };
}

export type TokensRepository = ReturnType<typeof tokensRepository>;
