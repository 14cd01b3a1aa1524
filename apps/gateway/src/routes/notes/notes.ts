/** @module Notes: personal or in a project, markdown with tags. Access rules: @mosaic/auth brainAccess.ts. */
import { presentNote } from "@mosaic/brain";
import {
  IdParams,
  NoteCreateBody,
  NoteListQuery,
  NoteUpdateBody,
  NoteView,
  ProjectNoteListQuery,
  SourceQuery,
  sourced,
  sourcedItemOf,
  sourcedPageOf,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";
import { localOnlyFilter, newestFirst, withSource } from "../../federation/sourceQuery.js";

const NoteResponse = z.object({ note: NoteView });
const session = { auth: "session" } as const;
/** Reads: the handler may run while the credential is being checked (authHook.ts). */
const read = { auth: "session", speculative: true } as const;
const NoteQuery = NoteListQuery.extend(withSource);
const ProjectNoteQuery = ProjectNoteListQuery.extend(withSource);

export function noteRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { notes } = deps.services;
  const { reads } = deps.services.federation;
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
      { config: read, schema: { querystring: NoteQuery, response: { 200: sourcedPageOf(NoteView) } } },
      async (request) => {
        const { cursor, limit, tag, projectId, personal, source } = request.query;
        localOnlyFilter(source, "personal", personal);
        const actor = actorOf(request);
        const filter = { tag, projectId, personalOf: personal === "true" ? actor.userId : undefined };
        return reads.list({
          actor,
          source,
          resource: "notes",
          cursor,
          limit,
          filter: { tag, projectId },
          order: newestFirst,
          local: async (from: string | undefined) => {
            const page = await notes.list(actor, filter, { cursor: from, limit });
            return { items: page.items.map(presentNote), nextCursor: page.nextCursor };
          },
        });
      },
    );

    app.get(
      "/api/projects/:id/notes",
      {
        config: read,
        schema: { params: IdParams, querystring: ProjectNoteQuery, response: { 200: sourcedPageOf(NoteView) } },
      },
      async (request) => {
        const { cursor, limit, tag, source } = request.query;
        const actor = actorOf(request);
        const projectId = request.params.id;
        return reads.list({
          actor,
          source,
          resource: "notes",
          cursor,
          limit,
          filter: { tag, projectId },
          order: newestFirst,
          local: async (from: string | undefined) => {
            const page = await notes.listInProject(actor, projectId, tag, { cursor: from, limit });
            return { items: page.items.map(presentNote), nextCursor: page.nextCursor };
          },
        });
      },
    );

    app.get(
      "/api/notes/:id",
      {
        config: read,
        schema: {
          params: IdParams,
          querystring: SourceQuery,
          response: { 200: sourcedItemOf("note", sourced(NoteView)) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { item, ...markers } = await reads.get({
          actor,
          source: request.query.source,
          resource: "notes",
          id: request.params.id,
          local: async () => presentNote(await notes.get(actor, request.params.id)),
        });
        return { note: item, ...markers };
      },
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
