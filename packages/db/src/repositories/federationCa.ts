/** @module The gateway's federation CA row: created once (first writer wins), server certificate replaced in place. */
import { eq } from "drizzle-orm";
import { federationCa } from "../schema.js";
import type { Database } from "../store.js";

export type FederationCaRow = typeof federationCa.$inferSelect;
export type FederationCaInsert = Omit<typeof federationCa.$inferInsert, "id" | "createdAt" | "updatedAt">;

/** The only CA row's key: one gateway (or one shared database) has one CA. */
const EMBEDDED = "embedded";

export function federationCaRepository(db: Database) {
  return {
    async get(): Promise<FederationCaRow | null> {
      const [row] = await db.select().from(federationCa).where(eq(federationCa.id, EMBEDDED));
      return row ?? null;
    },

    /**
     * Stores a new CA unless one exists, and returns the row that is stored: when several gateways
     * sharing one database start at once, exactly one CA wins and every gateway uses it.
     */
    async createOnce(input: FederationCaInsert): Promise<FederationCaRow> {
      await db
        .insert(federationCa)
        .values({ id: EMBEDDED, ...input })
        .onConflictDoNothing({ target: federationCa.id });
      const [row] = await db.select().from(federationCa).where(eq(federationCa.id, EMBEDDED));
      if (!row) throw new Error("federation CA row missing after insert");
      return row;
    },

    async replaceServerCertificate(input: {
      serverCertPem: string;
      serverKeySealed: string;
      serverNames: string;
      serverNotAfter: Date;
    }): Promise<FederationCaRow> {
      const [row] = await db
        .update(federationCa)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(federationCa.id, EMBEDDED))
        .returning();
      if (!row) throw new Error("no federation CA to update");
      return row;
    },
  };
}

export type FederationCaRepository = ReturnType<typeof federationCaRepository>;
