/** @module Brain rows → wire shapes for notes, memory and conversations (the vector never leaves the server). */
import type { ConversationView, InsightView, MessageView, NoteView, PreferenceView } from "@mosaic/contracts";
import type { ConversationRecord, InsightRecord, MessageRecord, NoteRecord, PreferenceRecord } from "@mosaic/db";

export function presentNote(row: NoteRecord): NoteView {
  return {
    id: row.id,
    projectId: row.projectId,
    ownerUserId: row.ownerUserId,
    title: row.title,
    body: row.body,
    tags: row.tags,
    embeddingModel: row.embeddingModel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentInsight(row: InsightRecord): InsightView {
  return {
    id: row.id,
    userId: row.userId,
    projectId: row.projectId,
    text: row.text,
    category: row.category,
    source: row.source,
    provenance: row.provenance,
    embeddingModel: row.embeddingModel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentPreference(row: PreferenceRecord): PreferenceView {
  return {
    key: row.key,
    value: row.value as PreferenceView["value"],
    mutable: row.mutable,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentConversation(row: ConversationRecord): ConversationView {
  return {
    id: row.id,
    projectId: row.projectId,
    agentId: row.agentId,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentMessage(row: MessageRecord): MessageView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    role: row.role,
    content: row.content,
    toolCalls: row.toolCalls ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
