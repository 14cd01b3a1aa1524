/** @module Which tasks block which: for each task with dependencies, what it waits on and what it holds up. */
import type { TaskView } from "@mosaic/contracts";
import { Empty } from "../components/Status.js";
import { type DependencyRef, dependencyView, STATUS_LABELS, taskLabel } from "./taskLogic.js";

function RefList({ refs }: { refs: readonly DependencyRef[] }) {
  if (refs.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="dep-refs">
      {refs.map((r) => (
        <li key={r.id} className={r.status === "done" ? "dep-done" : undefined}>
          {r.label ?? "a task outside this mission"}
          {r.status && <span className="muted"> ({STATUS_LABELS[r.status]})</span>}
        </li>
      ))}
    </ul>
  );
}

export function DependencyView({ tasks }: { tasks: readonly TaskView[] }) {
  const rows = dependencyView(tasks);
  if (rows.length === 0) return <Empty>No task in this mission depends on another.</Empty>;
  return (
    <div className="table-scroll">
      <table className="deps">
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Blocked by</th>
            <th scope="col">Blocks</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.task.id}>
              <th scope="row">
                {taskLabel(row.task)}
                {row.waitingOn.length > 0 && row.task.status !== "done" && (
                  <span className="badge waiting">waiting on {row.waitingOn.length}</span>
                )}
              </th>
              <td data-label="Blocked by">
                <RefList refs={row.blockedBy} />
              </td>
              <td data-label="Blocks">
                <RefList refs={row.blocks} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
