/**
 * @module Federation grants and their enrollment tokens, including the one transaction that redeems
 * a token: compare-and-swap the token, issue the certificate, activate the grant, audit.
 */
import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL } from "drizzle-orm";
import { federationEnrollmentTokens, federationGrants, users } from "../schema.js";
import type { Database } from "../store.js";
import { type AuditInsert, insertAudit } from "./federationAudit.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

export type GrantRow = typeof federationGrants.$inferSelect;
export type GrantStatusValue = GrantRow["status"];
/**
 * A grant with its subject's email (null if the user is gone), as lists and `show` present it, and
 * whether the subject is disabled (the data plane's guard reads both in this one query).
 */
export type GrantWithSubject = GrantRow & { subjectEmail: string | null; subjectDisabled: boolean | null };

/** Why a token redeemed nothing. Only the audit log sees it; the peer always gets the same 410. */
export type RedeemFailure = "unknown_token" | "already_used" | "expired_token" | "grant_not_pending";

export type RedeemResult<T> =
  | { ok: true; grant: GrantRow; issued: T }
  | { ok: false; reason: RedeemFailure; grantId: string | null };

const grantWithSubject = { grant: federationGrants, subjectEmail: users.email, subjectDisabled: users.disabled };

function flatten(row: {
  grant: GrantRow;
  subjectEmail: string | null;
  subjectDisabled: boolean | null;
}): GrantWithSubject {
  return { ...row.grant, subjectEmail: row.subjectEmail, subjectDisabled: row.subjectDisabled };
}

export function federationGrantsRepository(db: Database) {
  const g = federationGrants;
  const tokens = federationEnrollmentTokens;

  return {
    /** Creates a pending grant, its first enrollment token (hash only) and the audit row, atomically. */
    async createWithToken(input: {
      grant: { subjectUserId: string; peerLabel: string; scope: unknown; expiresAt: Date | null; createdBy: string };
      tokenHash: string;
      tokenExpiresAt: Date;
      audit: (grant: GrantRow) => AuditInsert;
    }): Promise<GrantRow> {
      return db.transaction(async (tx) => {
        const [grant] = await tx.insert(g).values(input.grant).returning();
        if (!grant) throw new Error("insert returned no row");
        await tx
          .insert(tokens)
          .values({ tokenHash: input.tokenHash, grantId: grant.id, expiresAt: input.tokenExpiresAt });
        await insertAudit(tx as unknown as Database, input.audit(grant));
        return grant;
      });
    },

    async find(id: string): Promise<GrantWithSubject | null> {
      const [row] = await db
        .select(grantWithSubject)
        .from(g)
        .leftJoin(users, eq(users.id, g.subjectUserId))
        .where(eq(g.id, id));
      return row ? flatten(row) : null;
    },

    async list(
      filter: { status?: GrantStatusValue | undefined },
      page: PageRequest,
    ): Promise<Page<GrantWithSubject & { cursorAt: string }>> {
      const rows = await db
        .select({ ...grantWithSubject, cursorAt: cursorColumn(g.createdAt) })
        .from(g)
        .leftJoin(users, eq(users.id, g.subjectUserId))
        .where(
          and(filter.status ? eq(g.status, filter.status) : undefined, afterCursor(g.createdAt, g.id, page.cursor)),
        )
        .orderBy(desc(g.createdAt), desc(g.id))
        .limit(page.limit + 1);
      return toPage(
        rows.map((r) => ({ ...flatten(r), cursorAt: r.cursorAt })),
        page.limit,
      );
    },

    /**
     * Moves a grant from one of `from` to `to` (compare-and-swap on the status, so two admins racing
     * can't both win), writing `audit` in the same transaction. Null when the grant was not in `from`.
     */
    async transition(input: {
      id: string;
      from: GrantStatusValue[];
      to: GrantStatusValue;
      at: Date;
      audit: (grant: GrantRow) => AuditInsert;
    }): Promise<GrantRow | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(g)
          .set({ status: input.to, updatedAt: input.at, ...(input.to === "revoked" ? { revokedAt: input.at } : {}) })
          .where(and(eq(g.id, input.id), inArray(g.status, input.from)))
          .returning();
        if (row) await insertAudit(tx as unknown as Database, input.audit(row));
        return row ?? null;
      });
    },

    /** The grant a token belongs to, whatever its state (for auditing failed attempts). */
    async grantIdOfToken(tokenHash: string): Promise<string | null> {
      const [row] = await db.select({ grantId: tokens.grantId }).from(tokens).where(eq(tokens.tokenHash, tokenHash));
      return row?.grantId ?? null;
    },

    /** Pending or active grants whose expiry has passed at `now`. */
    async listDue(now: Date): Promise<GrantRow[]> {
      return db
        .select()
        .from(g)
        .where(and(inArray(g.status, ["pending", "active"]), isNotNull(g.expiresAt), lte(g.expiresAt, now)));
    },

    /**
     * Redeems an enrollment token in one transaction. The token is consumed by a compare-and-swap
     * (`consumed_at IS NULL AND expires_at > now`), so of any number of concurrent redemptions exactly
     * one proceeds. `issue` runs inside the transaction: if it throws (e.g. a bad CSR) everything rolls
     * back and the token stays usable. `now` is the caller's clock, not the database's, so tests can
     * move time.
     */
    async redeem<T extends { serial: string }>(input: {
      tokenHash: string;
      now: Date;
      issue: (grant: GrantRow) => Promise<T>;
      audit: (grant: GrantRow, issued: T) => AuditInsert;
    }): Promise<RedeemResult<T>> {
      return db.transaction(async (tx) => {
        const [token] = await tx
          .update(tokens)
          .set({ consumedAt: input.now })
          .where(and(eq(tokens.tokenHash, input.tokenHash), isNull(tokens.consumedAt), gt(tokens.expiresAt, input.now)))
          .returning({ grantId: tokens.grantId });
        if (!token)
          return { ok: false as const, ...(await whyNot(tx as unknown as Database, input.tokenHash, input.now)) };
        const live: SQL | undefined = or(isNull(g.expiresAt), gt(g.expiresAt, input.now));
        const [grant] = await tx
          .select()
          .from(g)
          .where(and(eq(g.id, token.grantId), eq(g.status, "pending"), live))
          .for("update");
        // The token is spent either way: a grant revoked or expired meanwhile never becomes active.
        if (!grant) return { ok: false as const, reason: "grant_not_pending" as const, grantId: token.grantId };
        const issued = await input.issue(grant);
        const [active] = await tx
          .update(g)
          .set({ status: "active", currentCertSerial: issued.serial, activatedAt: input.now, updatedAt: input.now })
          .where(eq(g.id, grant.id))
          .returning();
        if (!active) throw new Error("grant vanished during enrollment");
        await insertAudit(tx as unknown as Database, input.audit(active, issued));
        return { ok: true as const, grant: active, issued };
      });
    },
  };
}

/** The true reason a token did not redeem, for the audit log only. */
async function whyNot(
  db: Database,
  tokenHash: string,
  now: Date,
): Promise<{ reason: RedeemFailure; grantId: string | null }> {
  const [row] = await db
    .select({
      grantId: federationEnrollmentTokens.grantId,
      consumedAt: federationEnrollmentTokens.consumedAt,
      expiresAt: federationEnrollmentTokens.expiresAt,
    })
    .from(federationEnrollmentTokens)
    .where(eq(federationEnrollmentTokens.tokenHash, tokenHash));
  if (!row) return { reason: "unknown_token", grantId: null };
  if (row.consumedAt) return { reason: "already_used", grantId: row.grantId };
  return { reason: row.expiresAt <= now ? "expired_token" : "already_used", grantId: row.grantId };
}

export type FederationGrantsRepository = ReturnType<typeof federationGrantsRepository>;
