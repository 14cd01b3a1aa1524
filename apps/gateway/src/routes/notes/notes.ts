/** @module Notes: personal or in a project, markdown with tags. Access rules: @mosaic/auth brainAccess.ts. */
import { presentNote } from "@mosaic/brain";
import {
  IdParams,
  NoteCreateBody,
  NoteListQuery,
  NoteUpdateBody,
  NoteView,
  ProjectNoteListQuery,
  pageOf,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const NoteResponse = z.object({ note: NoteView });
const session = { auth: "session" } as const;

export function noteRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { notes } = deps.services;
  return async (app) => {
    app.post(
      "/api/notes",
      { config: session, schema: { body: NoteCreateBody, response: { 201: NoteResponse } } },
      async (request, reply) => {
        const row = await notes.create(actorOf(request), request.body);
        return reply.status(201).send({ note: presentNote(row) });
      },
    );

    app.post(
      "/api/projects/:id/notes",
      { config: session, schema: { params: IdParams, body: NoteCreateBody, response: { 201: NoteResponse } } },
      async (request, reply) => {
        const row = await notes.create(actorOf(request), { ...request.body, projectId: request.params.id });
        return reply.status(201).send({ note: presentNote(row) });
      },
    );

    app.get(
      "/api/notes",
      { config: session, schema: { querystring: NoteListQuery, response: { 200: pageOf(NoteView) } } },
      async (request) => {
        const { cursor, limit, tag, projectId, personal } = request.query;
        const actor = actorOf(request);
        const filter = { tag, projectId, personalOf: personal === "true" ? actor.userId : undefined };
        const page = await notes.list(actor, filter, { cursor, limit });
        return { items: page.items.map(presentNote), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/projects/:id/notes",
      {
        config: session,
        schema: { params: IdParams, querystring: ProjectNoteListQuery, response: { 200: pageOf(NoteView) } },
      },
      async (request) => {
        const { cursor, limit, tag } = request.query;
        const page = await notes.listInProject(actorOf(request), request.params.id, tag, { cursor, limit });
        return { items: page.items.map(presentNote), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/notes/:id",
      { config: session, schema: { params: IdParams, response: { 200: NoteResponse } } },
      async (request) => ({ note: presentNote(await notes.get(actorOf(request), request.params.id)) }),
    );

    app.patch(
      "/api/notes/:id",
      { config: session, schema: { params: IdParams, body: NoteUpdateBody, response: { 200: NoteResponse } } },
      async (request) => ({
        note: presentNote(await notes.update(actorOf(request), request.params.id, request.body)),
      }),
    );

    app.delete("/api/notes/:id", { config: session, schema: { params: IdParams } }, async (request, reply) => {
      await notes.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    });
  };
}
