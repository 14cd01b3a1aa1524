/** @module Milestones of a mission: add, edit, reorder, delete. Rules live in @mosaic/brain missions.ts. */
import { presentMilestone } from "@mosaic/brain";
import {
  IdParams,
  MilestoneCreateBody,
  MilestoneReorderBody,
  MilestoneUpdateBody,
  MilestoneView,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const MilestoneResponse = z.object({ milestone: MilestoneView });
const session = { auth: "session" } as const;

export function milestoneRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { missions } = deps.services;
  return async (app) => {
    app.post(
      "/api/missions/:id/milestones",
      {
        config: session,
        schema: { params: IdParams, body: MilestoneCreateBody, response: { 201: MilestoneResponse } },
      },
      async (request, reply) => {
        const row = await missions.addMilestone({
          actor: actorOf(request),
          missionId: request.params.id,
          input: request.body,
        });
        return reply.status(201).send({ milestone: presentMilestone(row) });
      },
    );

    app.put(
      "/api/missions/:id/milestones/order",
      {
        config: session,
        schema: {
          params: IdParams,
          body: MilestoneReorderBody,
          response: { 200: z.object({ milestones: z.array(MilestoneView) }) },
        },
      },
      async (request) => {
        const rows = await missions.reorderMilestones({
          actor: actorOf(request),
          missionId: request.params.id,
          milestoneIds: request.body.milestoneIds,
        });
        return { milestones: rows.map(presentMilestone) };
      },
    );

    app.patch(
      "/api/milestones/:id",
      {
        config: session,
        schema: { params: IdParams, body: MilestoneUpdateBody, response: { 200: MilestoneResponse } },
      },
      async (request) => {
        const row = await missions.updateMilestone({
          actor: actorOf(request),
          milestoneId: request.params.id,
          patch: request.body,
        });
        return { milestone: presentMilestone(row) };
      },
    );

    app.delete("/api/milestones/:id", { config: session, schema: { params: IdParams } }, async (request, reply) => {
      await missions.deleteMilestone({ actor: actorOf(request), milestoneId: request.params.id });
      return reply.status(204).send();
    });
  };
}
