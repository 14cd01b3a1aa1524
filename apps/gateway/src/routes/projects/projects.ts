/** @module Projects: personal or team-owned. Access rules live in @mosaic/auth access.ts; this file maps HTTP. */
import { presentProject } from "@mosaic/brain";
import {
  IdParams,
  ProjectCreateBody,
  ProjectListQuery,
  ProjectUpdateBody,
  ProjectView,
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

const ProjectResponse = z.object({ project: ProjectView });
const session = { auth: "session" } as const;
/** Reads: the handler may run while the credential is being checked (authHook.ts). */
const read = { auth: "session", speculative: true } as const;
const ProjectQuery = ProjectListQuery.extend(withSource);

export function projectRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { projects } = deps.services;
  const { reads } = deps.services.federation;
  return async (app) => {
    app.post(
      "/api/projects",
      { config: session, schema: { body: ProjectCreateBody, response: { 201: ProjectResponse } } },
      async (request, reply) => {
        const row = await projects.create(actorOf(request), request.body);
        return reply.status(201).send({ project: presentProject(row) });
      },
    );

    app.get(
      "/api/projects",
      { config: read, schema: { querystring: ProjectQuery, response: { 200: sourcedPageOf(ProjectView) } } },
      async (request) => {
        const { cursor, limit, status, teamId, source } = request.query;
        localOnlyFilter(source, "teamId", teamId);
        const actor = actorOf(request);
        return reads.list({
          actor,
          source,
          resource: "projects",
          cursor,
          limit,
          filter: { status },
          order: newestFirst,
          local: async (from: string | undefined) => {
            const page = await projects.list(actor, { status, teamId }, { cursor: from, limit });
            return { items: page.items.map(presentProject), nextCursor: page.nextCursor };
          },
        });
      },
    );

    app.get(
      "/api/projects/:id",
      {
        config: read,
        schema: {
          params: IdParams,
          querystring: SourceQuery,
          response: { 200: sourcedItemOf("project", sourced(ProjectView)) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { item, ...markers } = await reads.get({
          actor,
          source: request.query.source,
          resource: "projects",
          id: request.params.id,
          local: async () => presentProject(await projects.get(actor, request.params.id)),
        });
        return { project: item, ...markers };
      },
    );

    app.patch(
      "/api/projects/:id",
      { config: session, schema: { params: IdParams, body: ProjectUpdateBody, response: { 200: ProjectResponse } } },
      async (request) => ({
        project: presentProject(await projects.update(actorOf(request), request.params.id, request.body)),
      }),
    );

    app.post(
      "/api/projects/:id/archive",
      { config: session, schema: { params: IdParams, response: { 200: ProjectResponse } } },
      async (request) => ({ project: presentProject(await projects.archive(actorOf(request), request.params.id)) }),
    );

    app.post(
      "/api/projects/:id/unarchive",
      { config: session, schema: { params: IdParams, response: { 200: ProjectResponse } } },
      async (request) => ({ project: presentProject(await projects.unarchive(actorOf(request), request.params.id)) }),
    );

    app.delete("/api/projects/:id", { config: session, schema: { params: IdParams } }, async (request, reply) => {
      await projects.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    });
  };
}
