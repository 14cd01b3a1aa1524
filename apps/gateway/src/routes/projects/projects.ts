/** @module Projects: personal or team-owned. Access rules live in @mosaic/auth access.ts; this file maps HTTP. */
import { presentProject } from "@mosaic/brain";
import {
  IdParams,
  ProjectCreateBody,
  ProjectListQuery,
  ProjectUpdateBody,
  ProjectView,
  pageOf,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const ProjectResponse = z.object({ project: ProjectView });
const session = { auth: "session" } as const;

export function projectRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { projects } = deps.services;
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
      { config: session, schema: { querystring: ProjectListQuery, response: { 200: pageOf(ProjectView) } } },
      async (request) => {
        const { cursor, limit, status, teamId } = request.query;
        const page = await projects.list(actorOf(request), { status, teamId }, { cursor, limit });
        return { items: page.items.map(presentProject), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/projects/:id",
      { config: session, schema: { params: IdParams, response: { 200: ProjectResponse } } },
      async (request) => ({ project: presentProject(await projects.get(actorOf(request), request.params.id)) }),
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
