/**
 * @module Preferences: one JSON value per user and key. A preference with `mutable: false` is
 * locked against agents: a call made `{ via: "agent" }` that would change or delete it is refused
 * with 403 `forbidden` (the preference is visible, the action is not allowed for this caller),
 * while its owner can still change or delete it through the API (`via: "owner"`, the default).
 */
import { type Actor, preferenceAccess } from "@mosaic/auth";
import { forbidden, notFound } from "@mosaic/contracts";
import type { Page, PageRequest, PreferenceRecord, PreferencesRepository } from "@mosaic/db";

/** Who is asking: the owner through the API/CLI, or an agent acting for them (tools, MCP). */
export interface PreferenceCallOptions {
  via?: "owner" | "agent";
}

export interface PreferenceServiceDeps {
  preferences: PreferencesRepository;
}

const locked = (key: string) =>
  forbidden(`preference "${key}" is immutable: agents can't change it; its owner can, through the API`);

export function createPreferenceService(deps: PreferenceServiceDeps) {
  return {
    list(actor: Actor, page: PageRequest): Promise<Page<PreferenceRecord & { cursorAt: string }>> {
      return deps.preferences.list(preferenceAccess(actor), page);
    },

    async get(actor: Actor, key: string): Promise<PreferenceRecord> {
      const row = await deps.preferences.find(key, preferenceAccess(actor));
      if (!row) throw notFound("preference");
      return row;
    },

    /**
     * Creates or replaces the actor's preference `key`. `mutable` undefined keeps the stored flag
     * (true for a new preference). For an agent, the immutability check and the write are one
     * statement, so a concurrent lock can't slip between them.
     */
    async set(
      actor: Actor,
      key: string,
      input: { value: unknown; mutable?: boolean | undefined },
      options: PreferenceCallOptions = {},
    ): Promise<{ preference: PreferenceRecord; created: boolean }> {
      const result = await deps.preferences.upsert({
        userId: actor.userId,
        key,
        value: input.value,
        mutable: input.mutable,
        onlyIfMutable: options.via === "agent",
      });
      if (!result) throw locked(key);
      return { preference: result.row, created: result.created };
    },

    async remove(actor: Actor, key: string, options: PreferenceCallOptions = {}): Promise<void> {
      const agent = options.via === "agent";
      if (await deps.preferences.delete(key, preferenceAccess(actor), agent)) return;
      const exists = agent && (await deps.preferences.find(key, preferenceAccess(actor)));
      throw exists ? locked(key) : notFound("preference");
    },
  };
}

export type PreferenceService = ReturnType<typeof createPreferenceService>;
