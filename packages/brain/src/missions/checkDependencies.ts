/** @module File-wide task checks for TASKS.md: unique ids, dependencies that exist, no dependency cycles. */
import type { TaskRef } from "./parseTaskTable.js";
import type { TasksMdError } from "./tasksMdTypes.js";

/**
 * Checks the tasks of the whole file together. Dependencies may point into any milestone (later
 * ones too), so this runs after every table is read. A cycle is an error because no task in it
 * could ever start: each would wait for another that isn't `done`.
 */
export function checkDependencies(rows: readonly TaskRef[], errors: TasksMdError[]): void {
  const byId = new Map<string, TaskRef>();
  for (const row of rows) {
    const first = byId.get(row.id);
    if (first)
      errors.push({ line: row.line, message: `duplicate task id '${row.id}' (first used on line ${first.line})` });
    else byId.set(row.id, row);
  }
  for (const row of rows) {
    for (const dep of row.dependsOn) {
      if (!byId.has(dep)) {
        errors.push({
          line: row.line,
          message: `task '${row.id}' depends on '${dep}', which is not a task in this file`,
        });
      } else if (dep === row.id) {
        errors.push({ line: row.line, message: `task '${row.id}' depends on itself` });
      }
    }
  }
  reportCycles(byId, errors);
}

/** Depth-first search with an explicit stack: a long dependency chain must not overflow the call stack. */
function reportCycles(byId: Map<string, TaskRef>, errors: TasksMdError[]): void {
  const state = new Map<string, "visiting" | "done">();
  for (const root of byId.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, "visiting");
    while (path.length > 0) {
      const depth = path.length - 1;
      const id = path[depth] ?? "";
      const deps = byId.get(id)?.dependsOn ?? [];
      const i = next[depth] ?? 0;
      if (i >= deps.length) {
        state.set(id, "done");
        path.pop();
        next.pop();
        continue;
      }
      next[depth] = i + 1;
      const dep = deps[i] ?? "";
      const seen = state.get(dep);
      // Self-loops and unknown ids were reported above; they can't be part of a longer cycle.
      if (dep === id || seen === "done" || !byId.has(dep)) continue;
      if (seen === "visiting") {
        const cycle = [...path.slice(path.indexOf(dep)), dep];
        const line = Math.min(...cycle.map((c) => byId.get(c)?.line ?? Number.POSITIVE_INFINITY));
        errors.push({ line, message: `dependency cycle: ${cycle.join(" → ")}` });
        continue;
      }
      state.set(dep, "visiting");
      path.push(dep);
      next.push(0);
    }
  }
}
