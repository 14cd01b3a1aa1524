/**
 * @module Conversations and messages: chat history with an agent, visible to its owner only
 * (everyone else gets 404, team members included). The agent issue appends to them.
 */
import { type Actor, conversationAccess } from "@mosaic/auth";
import { notFound } from "@mosaic/contracts";
import type {
  ConversationRecord,
  ConversationsRepository,
  MessageRecord,
  MessageRole,
  Page,
  PageRequest,
  ProjectsRepository,
} from "@mosaic/db";
import { requireProject } from "../projectGate.js";

export interface ConversationServiceDeps {
  conversations: ConversationsRepository;
  projects: ProjectsRepository;
}

export function createConversationService(deps: ConversationServiceDeps) {
  return {
    /** Starts a conversation; a named project must be readable by the actor. */
    async create(actor: Actor, input: { title: string; projectId?: string | undefined }): Promise<ConversationRecord> {
      if (input.projectId) await requireProject(deps.projects, actor, input.projectId, "read");
      return deps.conversations.create({
        userId: actor.userId,
        projectId: input.projectId ?? null,
        title: input.title,
      });
    },

    list(actor: Actor, page: PageRequest): Promise<Page<ConversationRecord & { cursorAt: string }>> {
      return deps.conversations.list(conversationAccess(actor), page);
    },

    async get(actor: Actor, id: string): Promise<ConversationRecord> {
      const row = await deps.conversations.find(id, conversationAccess(actor));
      if (!row) throw notFound("conversation");
      return row;
    },

    async rename(actor: Actor, id: string, title: string): Promise<ConversationRecord> {
      const row = await deps.conversations.update(id, { title }, conversationAccess(actor));
      if (!row) throw notFound("conversation");
      return row;
    },

    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await deps.conversations.delete(id, conversationAccess(actor)))) throw notFound("conversation");
    },

    async append(
      actor: Actor,
      id: string,
      input: { role: MessageRole; content: string; toolCalls?: unknown[] | undefined },
    ): Promise<MessageRecord> {
      const row = await deps.conversations.appendMessage(
        id,
        { role: input.role, content: input.content, toolCalls: input.toolCalls ?? null },
        conversationAccess(actor),
      );
      if (!row) throw notFound("conversation");
      return row;
    },

    /** Messages newest first; 404 (not an empty page) when the conversation isn't the actor's. */
    async messages(actor: Actor, id: string, page: PageRequest): Promise<Page<MessageRecord & { cursorAt: string }>> {
      await this.get(actor, id);
      return deps.conversations.listMessages(id, conversationAccess(actor), page);
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
