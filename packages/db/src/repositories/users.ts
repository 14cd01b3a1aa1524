/** @module Users as the rest of Mosaic sees them: lookups, the first-admin rule, disable/enable. */
import { and, desc, eq, sql } from "drizzle-orm";
import { sessions, users } from "../schema.js";
import type { Database } from "../store.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

export type UserRow = typeof users.$inferSelect;

// Serialises first-admin promotion across connections and gateway processes sharing one database.
const FIRST_ADMIN_LOCK_KEY = 0x6d61646d; // "madm"

export function usersRepository(db: Database) {
  return {
    async findById(id: string): Promise<UserRow | null> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },

    /** Whether any account exists: the dashboard shows its first-run screen until one does. */
    async any(): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).limit(1);
      return row !== undefined;
    },

    async findByEmail(email: string): Promise<UserRow | null> {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return row ?? null;
    },

    /**
     * Makes `userId` an admin when the gateway has no admin yet; returns the user's role after.
     * Race-safe: the check and the update run in one transaction under an advisory lock, so two
     * simultaneous first sign-ups produce exactly one admin.
     */
    async promoteIfFirst(userId: string): Promise<"admin" | "member"> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK_KEY})`);
        const [row] = await tx
          .update(users)
          .set({ role: "admin", updatedAt: new Date() })
          .where(and(eq(users.id, userId), sql`NOT EXISTS (SELECT 1 FROM ${users} WHERE ${users.role} = 'admin')`))
          .returning({ role: users.role });
        if (row) return row.role;
        const [current] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
        return current?.role ?? "member";
      });
    },

    async list(page: PageRequest): Promise<Page<UserRow & { cursorAt: string }>> {
      const rows = await db
        .select({ user: users, cursorAt: cursorColumn(users.createdAt) })
        .from(users)
        .where(afterCursor(users.createdAt, users.id, page.cursor))
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(page.limit + 1);
      return toPage(
        rows.map((r) => ({ ...r.user, cursorAt: r.cursorAt })),
        page.limit,
      );
    },

    /** Sets `disabled`; disabling also ends every web session of the user. Null when no such user. */
    async setDisabled(id: string, disabled: boolean): Promise<UserRow | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({ disabled, updatedAt: new Date() })
          .where(eq(users.id, id))
          .returning();
        if (row && disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
        return row ?? null;
      });
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
