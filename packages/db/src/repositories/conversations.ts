/** @module Conversations and their messages. Access is the conversation owner's predicate; messages inherit it. */
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { conversations, messages } from "../schema.js";
import type { Database } from "../store.js";
import { afterCursor, cursorColumn, type Page, type PageRequest, toPage } from "./pagination.js";

export type ConversationRecord = typeof conversations.$inferSelect;
export type MessageRecord = typeof messages.$inferSelect;
export type MessageRole = MessageRecord["role"];

export function conversationsRepository(db: Database) {
  /** The ids of conversations `access` admits, as a subquery messages are scoped by. */
  const reachable = (access: SQL) => db.select({ id: conversations.id }).from(conversations).where(access);

  return {
    async create(input: { userId: string; projectId: string | null; title: string }): Promise<ConversationRecord> {
      const [row] = await db.insert(conversations).values(input).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async find(id: string, access: SQL): Promise<ConversationRecord | null> {
      const [row] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.id, id), access));
      return row ?? null;
    },

    async list(access: SQL, page: PageRequest): Promise<Page<ConversationRecord & { cursorAt: string }>> {
      const rows = await db
        .select({ conversation: conversations, cursorAt: cursorColumn(conversations.createdAt) })
        .from(conversations)
        .where(and(access, afterCursor(conversations.createdAt, conversations.id, page.cursor)))
        .orderBy(desc(conversations.createdAt), desc(conversations.id))
        .limit(page.limit + 1);
      return toPage(
        rows.map((r) => ({ ...r.conversation, cursorAt: r.cursorAt })),
        page.limit,
      );
    },

    async update(id: string, patch: { title: string }, access: SQL): Promise<ConversationRecord | null> {
      const [row] = await db
        .update(conversations)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(conversations.id, id), access))
        .returning();
      return row ?? null;
    },

    /** Deletes the conversation and (by cascade) its messages; false when absent or not allowed. */
    async delete(id: string, access: SQL): Promise<boolean> {
      const rows = await db
        .delete(conversations)
        .where(and(eq(conversations.id, id), access))
        .returning({ id: conversations.id });
      return rows.length > 0;
    },

    /**
     * Appends a message when `access` admits the conversation, and marks the conversation updated,
     * in one transaction; null when the conversation is absent or not allowed.
     */
    async appendMessage(
      conversationId: string,
      input: { role: MessageRole; content: string; toolCalls: unknown[] | null },
      access: SQL,
    ): Promise<MessageRecord | null> {
      return db.transaction(async (tx) => {
        const touched = await tx
          .update(conversations)
          .set({ updatedAt: sql`now()` })
          .where(and(eq(conversations.id, conversationId), access))
          .returning({ id: conversations.id });
        if (touched.length === 0) return null;
        const [row] = await tx
          .insert(messages)
          .values({ conversationId, ...input })
          .returning();
        if (!row) throw new Error("insert returned no row");
        return row;
      });
    },

    /** Messages of a conversation `access` admits, newest first (empty when it doesn't). */
    async listMessages(
      conversationId: string,
      access: SQL,
      page: PageRequest,
    ): Promise<Page<MessageRecord & { cursorAt: string }>> {
      const rows = await db
        .select({ message: messages, cursorAt: cursorColumn(messages.createdAt) })
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversationId),
            inArray(messages.conversationId, reachable(access)),
            afterCursor(messages.createdAt, messages.id, page.cursor),
          ),
        )
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(page.limit + 1);
      return toPage(
        rows.map((r) => ({ ...r.message, cursorAt: r.cursorAt })),
        page.limit,
      );
    },
  };
}

export type ConversationsRepository = ReturnType<typeof conversationsRepository>;
