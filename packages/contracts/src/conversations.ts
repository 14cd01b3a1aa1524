/** @module Conversations and messages on the wire: chat history, visible to its owner only. */
import { z } from "zod";
import { PageQuery } from "./pagination.js";

export const MessageRole = z.enum(["system", "user", "assistant", "tool"]);
export type MessageRole = z.infer<typeof MessageRole>;

const title = z.string().trim().max(300);

export const ConversationCreateBody = z.strictObject({
  title: title.default(""),
  /** A project the conversation is about (must be readable by the caller); omitted: none. */
  projectId: z.uuid().optional(),
});
export type ConversationCreateBody = z.infer<typeof ConversationCreateBody>;

export const ConversationUpdateBody = z.strictObject({ title });
export type ConversationUpdateBody = z.infer<typeof ConversationUpdateBody>;

export const ConversationListQuery = PageQuery;
export const MessageListQuery = PageQuery;

/** One tool call an assistant message made, and (once known) its result. */
export const ToolCall = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  arguments: z.record(z.string(), z.json()).default({}),
  result: z.json().optional(),
});
export type ToolCall = z.infer<typeof ToolCall>;

export const MessageAppendBody = z.strictObject({
  role: MessageRole,
  content: z.string().max(200_000),
  toolCalls: z.array(ToolCall).max(64).optional(),
});
export type MessageAppendBody = z.infer<typeof MessageAppendBody>;

export const ConversationView = z.object({
  id: z.uuid(),
  projectId: z.uuid().nullable(),
  agentId: z.uuid().nullable(),
  title: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ConversationView = z.infer<typeof ConversationView>;

export const MessageView = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  role: MessageRole,
  content: z.string(),
  toolCalls: z.array(z.unknown()).nullable(),
  createdAt: z.iso.datetime(),
});
export type MessageView = z.infer<typeof MessageView>;
