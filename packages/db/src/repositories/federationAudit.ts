/** @module The federation audit log: append-only rows, read newest first with filters and a cursor. */
import { and, desc, eq } from "drizzle-orm";
import { federationAuditLog } from "../schema.js";
import type { Database } from "../store.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

export type AuditRow = typeof federationAuditLog.$inferSelect;
export type AuditInsert = Omit<typeof federationAuditLog.$inferInsert, "id">;

export interface AuditFilter {
  grantId?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
}

/** Inserts one audit row with `db` (the repository's database, or a transaction). */
export async function insertAudit(db: Database, entry: AuditInsert): Promise<AuditRow> {
  const [row] = await db.insert(federationAuditLog).values(entry).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export function federationAuditRepository(db: Database) {
  return {
    record: (entry: AuditInsert) => insertAudit(db, entry),

    async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditRow & { cursorAt: string }>> {
      const t = federationAuditLog;
      const rows = await db
        .select({ row: t, cursorAt: cursorColumn(t.at) })
        .from(t)
        .where(
          and(
            filter.grantId ? eq(t.grantId, filter.grantId) : undefined,
            filter.action ? eq(t.action, filter.action) : undefined,
            filter.outcome ? eq(t.outcome, filter.outcome) : undefined,
            afterCursor(t.at, t.id, page.cursor),
          ),
        )
        .orderBy(desc(t.at), desc(t.id))
        .limit(page.limit + 1);
      return toPage(
        rows.map((r) => ({ ...r.row, cursorAt: r.cursorAt })),
        page.limit,
      );
    },
  };
}

export type FederationAuditRepository = ReturnType<typeof federationAuditRepository>;
