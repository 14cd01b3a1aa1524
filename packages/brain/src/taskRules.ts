/**
 * @module Task dependency rules: `depends_on` names tasks of the same project, never forms a cycle,
 * and a task can't be in progress while a dependency isn't done (409 naming the blockers).
 */
import { conflict, invalid } from "@mosaic/contracts";
import type { DependencyRow, TaskRow } from "@mosaic/db";

type Queries = {
  dependencies(projectId: string, ids: readonly string[], lock?: boolean): Promise<DependencyRow[]>;
  dependsTransitively(projectId: string, from: readonly string[], target: string): Promise<boolean>;
};

/** How a task is named in messages: its external id, else its title. */
export function taskLabel(task: Pick<TaskRow, "externalId" | "title">): string {
  return task.externalId ?? `"${task.title}"`;
}

/**
 * 400 unless every id is a task of `projectId` other than `selfId`, and none of them depends
 * (transitively) on `selfId`. Ids of other projects get the same answer as ids that don't exist,
 * so the check reveals nothing about them.
 */
export async function checkDependsOn(
  queries: Queries,
  projectId: string,
  dependsOn: readonly string[],
  selfId: string | null,
): Promise<void> {
  const found = new Set((await queries.dependencies(projectId, dependsOn)).map((d) => d.id));
  const details = dependsOn.flatMap((id, i) => {
    if (id === selfId) return [{ path: `body.dependsOn.${i}`, message: "a task can't depend on itself" }];
    return found.has(id) ? [] : [{ path: `body.dependsOn.${i}`, message: "no such task in this project" }];
  });
  if (details.length > 0) throw invalid("dependsOn names tasks that can't be dependencies", details);
  if (selfId && (await queries.dependsTransitively(projectId, dependsOn, selfId))) {
    throw invalid("dependsOn would make a dependency cycle", [
      { path: "body.dependsOn", message: "one of these tasks already depends on this task" },
    ]);
  }
}

/**
 * 409 when any dependency isn't `done`, naming each blocker (external id or title, and status).
 * Call inside the write's transaction with `lock`, so the statuses can't change before it commits.
 */
export async function requireDependenciesDone(
  queries: Queries,
  task: { projectId: string; label: string },
  dependsOn: readonly string[],
): Promise<void> {
  const blockers = (await queries.dependencies(task.projectId, dependsOn, true)).filter((d) => d.status !== "done");
  if (blockers.length === 0) return;
  const names = blockers.map((b) => `${taskLabel(b)} (${b.status})`).join(", ");
  throw conflict(
    `${task.label} can't be in progress while ${blockers.length === 1 ? "its dependency" : "its dependencies"} ${names} ${blockers.length === 1 ? "is" : "are"} not done`,
    blockers.map((b) => ({ path: `dependsOn.${b.id}`, message: `${taskLabel(b)} is ${b.status}` })),
  );
}
