/** @module Tasks: create, list (filters, sort, cursor), show, edit, move, delete. Rules live in @mosaic/brain tasks.ts. */
import { presentTask } from "@mosaic/brain";
import {
  IdParams,
  ProjectIdParams,
  pageOf,
  TaskCreateBody,
  TaskListQuery,
  TaskMoveBody,
  type TaskSortKey,
  TaskUpdateBody,
  TaskView,
} from "@mosaic/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";

const TaskResponse = z.object({ task: TaskView });
const session = { auth: "session" } as const;

/** Without `order`: newest/most urgent first, but soonest due date and file position first. */
const DEFAULT_ORDER: Record<TaskSortKey, "asc" | "desc"> = {
  created: "desc",
  updated: "desc",
  priority: "desc",
  due: "asc",
  position: "asc",
};

export function taskRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  const { tasks } = deps.services;
  return async (app) => {
    app.post(
      "/api/projects/:projectId/tasks",
      { config: session, schema: { params: ProjectIdParams, body: TaskCreateBody, response: { 201: TaskResponse } } },
      async (request, reply) => {
        const row = await tasks.createTask({
          actor: actorOf(request),
          projectId: request.params.projectId,
          input: request.body,
        });
        return reply.status(201).send({ task: presentTask(row) });
      },
    );

    app.get(
      "/api/projects/:projectId/tasks",
      {
        config: session,
        schema: { params: ProjectIdParams, querystring: TaskListQuery, response: { 200: pageOf(TaskView) } },
      },
      async (request) => {
        const { cursor, limit, sort = "created", order, ...filter } = request.query;
        const page = await tasks.listTasks({
          actor: actorOf(request),
          projectId: request.params.projectId,
          filter,
          sort: { key: sort, order: order ?? DEFAULT_ORDER[sort] },
          page: { cursor, limit },
        });
        return { items: page.items.map(presentTask), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/tasks/:id",
      { config: session, schema: { params: IdParams, response: { 200: TaskResponse } } },
      async (request) => ({
        task: presentTask(await tasks.showTask({ actor: actorOf(request), taskId: request.params.id })),
      }),
    );

    app.patch(
      "/api/tasks/:id",
      { config: session, schema: { params: IdParams, body: TaskUpdateBody, response: { 200: TaskResponse } } },
      async (request) => ({
        task: presentTask(
          await tasks.updateTask({ actor: actorOf(request), taskId: request.params.id, patch: request.body }),
        ),
      }),
    );

    app.post(
      "/api/tasks/:id/move",
      {
        config: session,
        schema: {
          description:
            "Changes the status (the kanban move). Moving to `in-progress` while a dependency isn't `done` is a 409 naming the blockers.",
          params: IdParams,
          body: TaskMoveBody,
          response: { 200: TaskResponse },
        },
      },
      async (request) => ({
        task: presentTask(
          await tasks.moveTask({ actor: actorOf(request), taskId: request.params.id, status: request.body.status }),
        ),
      }),
    );

    app.delete("/api/tasks/:id", { config: session, schema: { params: IdParams } }, async (request, reply) => {
      await tasks.deleteTask({ actor: actorOf(request), taskId: request.params.id });
      return reply.status(204).send();
    });
  };
}
