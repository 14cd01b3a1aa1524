/** @module B's enrolled peers: stored with the client key sealed; looked up by their unique name. */
import { asc, eq } from "drizzle-orm";
import { federationPeers } from "../schema.js";
import type { Database } from "../store.js";

export type PeerRow = typeof federationPeers.$inferSelect;
export type PeerInsert = Omit<typeof federationPeers.$inferInsert, "createdAt" | "updatedAt">;

export function federationPeersRepository(db: Database) {
  return {
    /** Inserts a peer; null when the name is taken (the unique index decides, race-free). */
    async create(input: PeerInsert): Promise<PeerRow | null> {
      const [row] = await db
        .insert(federationPeers)
        .values(input)
        .onConflictDoNothing({ target: federationPeers.name })
        .returning();
      return row ?? null;
    },

    async findByName(name: string): Promise<PeerRow | null> {
      const [row] = await db.select().from(federationPeers).where(eq(federationPeers.name, name));
      return row ?? null;
    },

    async list(): Promise<PeerRow[]> {
      return db.select().from(federationPeers).orderBy(asc(federationPeers.name));
    },

    /** Stamps the last call to the peer: lastSuccessAt or lastFailureAt (never the peer's data). */
    async recordOutcome(id: string, outcome: "success" | "failure", at: Date): Promise<void> {
      await db
        .update(federationPeers)
        .set(outcome === "success" ? { lastSuccessAt: at } : { lastFailureAt: at })
        .where(eq(federationPeers.id, id));
    },

    async remove(name: string): Promise<PeerRow | null> {
      const [row] = await db.delete(federationPeers).where(eq(federationPeers.name, name)).returning();
      return row ?? null;
    },
  };
}

export type FederationPeersRepository = ReturnType<typeof federationPeersRepository>;
