/**
 * @module Tasks: create, list (filters, sort, cursor; per project or across projects), show, edit,
 * move, delete. Reads take `?source=` (docs/federation/READING.md). Rules live in @mosaic/brain tasks.ts.
 */
import { presentTask } from "@mosaic/brain";
import {
  AllTaskListQuery,
  IdParams,
  ProjectIdParams,
  SourceQuery,
  sourced,
  sourcedItemOf,
  sourcedPageOf,
  TaskCreateBody,
  TaskListQuery,
  TaskMoveBody,
  type TaskSortKey,
  TaskUpdateBody,
  TaskView,
} from "@mosaic/contracts";
import type { MergeOrder } from "@mosaic/federation";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { GatewayDeps } from "../../app.js";
import { actorOf } from "../../authHook.js";
import { withSource } from "../../federation/sourceQuery.js";

const TaskResponse = z.object({ task: TaskView });
const SourcedTaskResponse = sourcedItemOf("task", sourced(TaskView));
const session = { auth: "session" } as const;
/** Reads: the handler may run while the credential is being checked (authHook.ts). */
const read = { auth: "session", speculative: true } as const;
const ProjectTaskQuery = TaskListQuery.extend(withSource);
const AllTasksQuery = AllTaskListQuery.extend(withSource);

const PRIORITY_RANK = { low: 0, normal: 1, high: 2, urgent: 3 } as const;
/** The merge order of `source=all`: the list's own sort key (undated tasks sort as "infinity"). */
function mergeOrder(key: TaskSortKey, order: "asc" | "desc"): MergeOrder<TaskView> {
  const read: Record<TaskSortKey, (t: TaskView) => string | number> = {
    created: (t) => t.createdAt,
    updated: (t) => t.updatedAt,
    priority: (t) => PRIORITY_RANK[t.priority],
    due: (t) => t.dueDate ?? "9999-12-31",
    position: (t) => t.position,
  };
  return { key: read[key], order };
}

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
  const { reads } = deps.services.federation;
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
        config: read,
        schema: { params: ProjectIdParams, querystring: ProjectTaskQuery, response: { 200: sourcedPageOf(TaskView) } },
      },
      async (request) => {
        const { cursor, limit, sort = "created", order, source, ...filter } = request.query;
        const actor = actorOf(request);
        const { projectId } = request.params;
        const sortSpec = { key: sort, order: order ?? DEFAULT_ORDER[sort] };
        return reads.list({
          actor,
          source,
          resource: "tasks",
          cursor,
          limit,
          filter: { ...filter, projectId },
          order: mergeOrder(sortSpec.key, sortSpec.order),
          local: async (from: string | undefined) => {
            const page = await tasks.listTasks({
              actor,
              projectId,
              filter,
              sort: sortSpec,
              page: { cursor: from, limit },
            });
            return { items: page.items.map(presentTask), nextCursor: page.nextCursor };
          },
        });
      },
    );

    app.get(
      "/api/tasks",
      {
        config: read,
        schema: {
          description:
            "Every task the caller can read, across projects (with `source=all`, across this gateway's peers too).",
          querystring: AllTasksQuery,
          response: { 200: sourcedPageOf(TaskView) },
        },
      },
      async (request) => {
        const { cursor, limit, sort = "created", order, source, ...filter } = request.query;
        const actor = actorOf(request);
        const sortSpec = { key: sort, order: order ?? DEFAULT_ORDER[sort] };
        return reads.list({
          actor,
          source,
          resource: "tasks",
          cursor,
          limit,
          filter,
          order: mergeOrder(sortSpec.key, sortSpec.order),
          local: async (from: string | undefined) => {
            const page = await tasks.listAllTasks({ actor, filter, sort: sortSpec, page: { cursor: from, limit } });
            return { items: page.items.map(presentTask), nextCursor: page.nextCursor };
          },
        });
      },
    );

    app.get(
      "/api/tasks/:id",
      {
        config: read,
        schema: { params: IdParams, querystring: SourceQuery, response: { 200: SourcedTaskResponse } },
      },
      async (request) => {
        const actor = actorOf(request);
        const { item, ...markers } = await reads.get({
          actor,
          source: request.query.source,
          resource: "tasks",
          id: request.params.id,
          local: async () => presentTask(await tasks.showTask({ actor, taskId: request.params.id })),
        });
        return { task: item, ...markers };
      },
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
