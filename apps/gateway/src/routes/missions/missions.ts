/** @module Missions and their TASKS.md import/export. Rules live in @mosaic/brain missions.ts; this file maps HTTP. */
import { presentMission, presentMissionDetail } from "@mosaic/brain";
import {
  IdParams,
  MissionCreateBody,
  MissionDetailView,
  MissionImportBody,
  MissionListQuery,
  MissionUpdateBody,
  MissionView,
  ProjectIdParams,
  SourceQuery,
  sourced,
  sourcedItemOf,
  sourcedPageOf,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";
import { newestFirst, withSource } from "../../federation/sourceQuery.js";

const MissionResponse = z.object({ mission: MissionView });
const MissionDetailResponse = z.object({ mission: MissionDetailView });
/** A local mission comes with its milestone tree; a peer's is the plain view (the wire has no tree). */
const SourcedMissionResponse = sourcedItemOf("mission", z.union([sourced(MissionDetailView), sourced(MissionView)]));
const MissionQuery = MissionListQuery.extend(withSource);
const session = { auth: "session" } as const;
/** Reads: the handler may run while the credential is being checked (authHook.ts). */
const read = { auth: "session", speculative: true } as const;

export function missionRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { missions } = deps.services;
  const { reads } = deps.services.federation;
  return async (app) => {
    app.post(
      "/api/projects/:projectId/missions",
      {
        config: session,
        schema: { params: ProjectIdParams, body: MissionCreateBody, response: { 201: MissionResponse } },
      },
      async (request, reply) => {
        const row = await missions.createMission({
          actor: actorOf(request),
          projectId: request.params.projectId,
          input: request.body,
        });
        return reply.status(201).send({ mission: presentMission(row) });
      },
    );

    app.get(
      "/api/projects/:projectId/missions",
      {
        config: read,
        schema: { params: ProjectIdParams, querystring: MissionQuery, response: { 200: sourcedPageOf(MissionView) } },
      },
      async (request) => {
        const { cursor, limit, status, source } = request.query;
        const actor = actorOf(request);
        const { projectId } = request.params;
        return reads.list({
          actor,
          source,
          resource: "missions",
          cursor,
          limit,
          filter: { projectId, status },
          order: newestFirst,
          local: async (from: string | undefined) => {
            const page = await missions.listMissions({
              actor,
              projectId,
              filter: { status },
              page: { cursor: from, limit },
            });
            return { items: page.items.map(presentMission), nextCursor: page.nextCursor };
          },
        });
      },
    );

    app.post(
      "/api/projects/:projectId/missions/import",
      {
        config: session,
        schema: {
          description:
            "Imports a TASKS.md file (docs/TASKS_MD.md) as a new mission, all or nothing. A malformed file is a 400 whose details name each problem as `line.N`.",
          params: ProjectIdParams,
          body: MissionImportBody,
          response: { 201: MissionDetailResponse },
        },
      },
      async (request, reply) => {
        const tree = await missions.importMission({
          actor: actorOf(request),
          projectId: request.params.projectId,
          markdown: request.body.markdown,
          status: request.body.status,
        });
        return reply.status(201).send({ mission: presentMissionDetail(tree.mission, tree.milestones, tree.tasks) });
      },
    );

    app.get(
      "/api/missions/:id",
      {
        config: read,
        schema: { params: IdParams, querystring: SourceQuery, response: { 200: SourcedMissionResponse } },
      },
      async (request) => {
        const actor = actorOf(request);
        const { item, ...markers } = await reads.get({
          actor,
          source: request.query.source,
          resource: "missions",
          id: request.params.id,
          local: async () => {
            const tree = await missions.showMission({ actor, missionId: request.params.id });
            return presentMissionDetail(tree.mission, tree.milestones, tree.tasks);
          },
        });
        return { mission: item, ...markers };
      },
    );

    app.get(
      "/api/missions/:id/export",
      {
        config: session,
        schema: {
          description: "The mission as canonical TASKS.md markdown.",
          produces: ["text/markdown"],
          params: IdParams,
          response: { 200: z.string() },
        },
      },
      async (request, reply) => {
        const { markdown } = await missions.exportMission({ actor: actorOf(request), missionId: request.params.id });
        // A string with a non-JSON content type is sent as-is (no JSON serialization).
        return reply.type("text/markdown; charset=utf-8").send(markdown);
      },
    );

    app.patch(
      "/api/missions/:id",
      { config: session, schema: { params: IdParams, body: MissionUpdateBody, response: { 200: MissionResponse } } },
      async (request) => {
        const row = await missions.updateMission({
          actor: actorOf(request),
          missionId: request.params.id,
          patch: request.body,
        });
        return { mission: presentMission(row) };
      },
    );

    app.delete("/api/missions/:id", { config: session, schema: { params: IdParams } }, async (request, reply) => {
      await missions.deleteMission({ actor: actorOf(request), missionId: request.params.id });
      return reply.status(204).send();
    });
  };
}
