/** @module Conversations and their messages: the owner's only; anyone else gets 404. */
import { presentConversation, presentMessage } from "@mosaic/brain";
import {
  ConversationCreateBody,
  ConversationListQuery,
  ConversationUpdateBody,
  ConversationView,
  IdParams,
  MessageAppendBody,
  MessageListQuery,
  MessageView,
  pageOf,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const ConversationResponse = z.object({ conversation: ConversationView });
const MessageResponse = z.object({ message: MessageView });
const session = { auth: "session" } as const;
/** Reads: the handler may run while the credential is being checked (authHook.ts). */
const read = { auth: "session", speculative: true } as const;

export function conversationRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { conversations } = deps.services;
  return async (app) => {
    app.post(
      "/api/conversations",
      { config: session, schema: { body: ConversationCreateBody, response: { 201: ConversationResponse } } },
      async (request, reply) => {
        const row = await conversations.create(actorOf(request), request.body);
        return reply.status(201).send({ conversation: presentConversation(row) });
      },
    );

    app.get(
      "/api/conversations",
      { config: read, schema: { querystring: ConversationListQuery, response: { 200: pageOf(ConversationView) } } },
      async (request) => {
        const page = await conversations.list(actorOf(request), request.query);
        return { items: page.items.map(presentConversation), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/conversations/:id",
      { config: read, schema: { params: IdParams, response: { 200: ConversationResponse } } },
      async (request) => ({
        conversation: presentConversation(await conversations.get(actorOf(request), request.params.id)),
      }),
    );

    app.patch(
      "/api/conversations/:id",
      {
        config: session,
        schema: { params: IdParams, body: ConversationUpdateBody, response: { 200: ConversationResponse } },
      },
      async (request) => ({
        conversation: presentConversation(
          await conversations.rename(actorOf(request), request.params.id, request.body.title),
        ),
      }),
    );

    app.delete("/api/conversations/:id", { config: session, schema: { params: IdParams } }, async (request, reply) => {
      await conversations.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    });

    app.get(
      "/api/conversations/:id/messages",
      {
        config: read,
        schema: { params: IdParams, querystring: MessageListQuery, response: { 200: pageOf(MessageView) } },
      },
      async (request) => {
        const page = await conversations.messages(actorOf(request), request.params.id, request.query);
        return { items: page.items.map(presentMessage), nextCursor: page.nextCursor };
      },
    );

    app.post(
      "/api/conversations/:id/messages",
      {
        config: session,
        schema: { params: IdParams, body: MessageAppendBody, response: { 201: MessageResponse } },
      },
      async (request, reply) => {
        const row = await conversations.append(actorOf(request), request.params.id, request.body);
        return reply.status(201).send({ message: presentMessage(row) });
      },
    );
  };
}
