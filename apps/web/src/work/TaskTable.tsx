/** @module The task list as a table: id, title (with the peer's badge for a peer's task), status, assignee, milestone, priority, due date. */
import type { SourcedTask } from "../api/sourced.js";
import { Link } from "../components/Link.js";
import { Empty } from "../components/Status.js";
import { SourceBadge } from "../sources/SourceControls.js";
import { itemPath, peerOf } from "../sources/source.js";
import { STATUS_LABELS } from "./taskLogic.js";

export function TaskTable({
  tasks,
  milestoneLabel,
}: {
  tasks: readonly SourcedTask[];
  milestoneLabel: (milestoneId: string | null) => string | null;
}) {
  if (tasks.length === 0) return <Empty>No tasks match.</Empty>;
  return (
    // The wrapper scrolls sideways on a phone instead of the whole page.
    <div className="table-scroll">
      <table className="tasks">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Task</th>
            <th scope="col">Status</th>
            <th scope="col">Assignee</th>
            <th scope="col">Milestone</th>
            <th scope="col">Priority</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={`${t._source ?? "local"}:${t.id}`} data-task-id={t.id} data-source={peerOf(t) ?? "local"}>
              <td className="nowrap">{t.externalId ?? "—"}</td>
              <td>
                <Link to={itemPath(`/tasks/${t.id}`, t)}>{t.title}</Link> <SourceBadge item={t} />
              </td>
              <td className="nowrap">
                <span className={`status status-${t.status}`}>{STATUS_LABELS[t.status]}</span>
              </td>
              <td>{t.assignee ?? "—"}</td>
              <td className="nowrap">{milestoneLabel(t.milestoneId) ?? "—"}</td>
              <td>{t.priority}</td>
              <td className="nowrap">{t.dueDate ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
