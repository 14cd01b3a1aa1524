/** @module Teams and their members. Rules live in @mosaic/auth teams.ts; this file only maps HTTP. */
import { presentMember, presentTeam } from "@mosaic/auth";
import {
  IdParams,
  PageQuery,
  pageOf,
  TeamCreateBody,
  TeamDetailResponse,
  TeamMemberAddBody,
  TeamMemberParams,
  TeamMemberRoleBody,
  TeamMemberView,
  TeamUpdateBody,
  TeamView,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const TeamResponse = z.object({ team: TeamView });
const MembersResponse = z.object({ members: z.array(TeamMemberView) });
const session = { auth: "session" } as const;

export function teamRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { teams } = deps.services;
  return async (app) => {
    app.post(
      "/api/teams",
      { config: session, schema: { body: TeamCreateBody, response: { 201: TeamResponse } } },
      async (request, reply) => {
        const created = await teams.create(actorOf(request), request.body.name);
        return reply.status(201).send({ team: presentTeam(created.team, created.role) });
      },
    );

    app.get(
      "/api/teams",
      { config: session, schema: { querystring: PageQuery, response: { 200: pageOf(TeamView) } } },
      async (request) => {
        const page = await teams.list(actorOf(request), request.query);
        return { items: page.items.map((t) => presentTeam(t, t.role)), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/teams/:id",
      { config: session, schema: { params: IdParams, response: { 200: TeamDetailResponse } } },
      async (request) => {
        const found = await teams.get(actorOf(request), request.params.id);
        return { team: presentTeam(found.team, found.role), members: found.members.map(presentMember) };
      },
    );

    app.patch(
      "/api/teams/:id",
      { config: session, schema: { params: IdParams, body: TeamUpdateBody, response: { 200: TeamResponse } } },
      async (request) => {
        const renamed = await teams.rename(actorOf(request), request.params.id, request.body.name);
        return { team: presentTeam(renamed.team, renamed.role) };
      },
    );

    app.delete("/api/teams/:id", { config: session, schema: { params: IdParams } }, async (request, reply) => {
      await teams.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    });

    app.post(
      "/api/teams/:id/members",
      { config: session, schema: { params: IdParams, body: TeamMemberAddBody, response: { 201: MembersResponse } } },
      async (request, reply) => {
        const members = await teams.addMember(actorOf(request), request.params.id, request.body);
        return reply.status(201).send({ members: members.map(presentMember) });
      },
    );

    app.patch(
      "/api/teams/:id/members/:userId",
      {
        config: session,
        schema: { params: TeamMemberParams, body: TeamMemberRoleBody, response: { 200: MembersResponse } },
      },
      async (request) => {
        const { id, userId } = request.params;
        const members = await teams.setRole(actorOf(request), id, userId, request.body.role);
        return { members: members.map(presentMember) };
      },
    );

    app.delete(
      "/api/teams/:id/members/:userId",
      { config: session, schema: { params: TeamMemberParams } },
      async (request, reply) => {
        await teams.removeMember(actorOf(request), request.params.id, request.params.userId);
        return reply.status(204).send();
      },
    );

    app.post("/api/teams/:id/leave", { config: session, schema: { params: IdParams } }, async (request, reply) => {
      const actor = actorOf(request);
      await teams.removeMember(actor, request.params.id, actor.userId);
      return reply.status(204).send();
    });
  };
}
