/**
 * @module The kanban: one column per status. Drag a card to another column (HTML5 drag and drop),
 * or use the status select on the card from the keyboard; both call the same move. A card from a
 * peer gateway is read-only: no drag, no select, its status as text and the peer's badge.
 */
import { type TaskStatus, TaskStatus as TaskStatusSchema } from "@mosaic/contracts";
import { type DragEvent, memo, useState } from "react";
import type { SourcedTask } from "../api/sourced.js";
import { Link } from "../components/Link.js";
import { SourceBadge } from "../sources/SourceControls.js";
import { itemPath, peerOf } from "../sources/source.js";
import { groupByStatus, STATUS_LABELS, STATUS_ORDER, taskLabel } from "./taskLogic.js";

/** Our own drag type, so a dropped file or link is never read as a task. */
const TASK_MIME = "application/x-mosaic-task";

export interface TaskBoardProps {
  tasks: readonly SourcedTask[];
  /** Task ids with a move in flight (their cards are dimmed and their select is disabled). */
  moving: ReadonlySet<string>;
  onMove: (task: SourcedTask, status: TaskStatus) => void;
  milestoneLabel: (milestoneId: string | null) => string | null;
}

export function TaskBoard({ tasks, moving, onMove, milestoneLabel }: TaskBoardProps) {
  const [over, setOver] = useState<TaskStatus | null>(null);
  const byId = new Map(tasks.map((t) => [t.id, t]));

  const drop = (status: TaskStatus) => (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(null);
    const task = byId.get(e.dataTransfer.getData(TASK_MIME));
    if (task && !peerOf(task) && task.status !== status) onMove(task, status);
  };
  const dragOver = (status: TaskStatus) => (e: DragEvent<HTMLElement>) => {
    if (!e.dataTransfer.types.includes(TASK_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    setOver(status);
  };

  return (
    <div className="board">
      {groupByStatus(tasks).map((column) => (
        <section
          key={column.status}
          className={over === column.status ? "column over" : "column"}
          aria-labelledby={`column-${column.status}`}
          data-status={column.status}
          onDragOver={dragOver(column.status)}
          onDragLeave={() => setOver((s) => (s === column.status ? null : s))}
          onDrop={drop(column.status)}
        >
          <h3 id={`column-${column.status}`}>
            {STATUS_LABELS[column.status]} <span className="muted">{column.tasks.length}</span>
          </h3>
          <ul>
            {column.tasks.map((task) => (
              <TaskCard
                key={`${task._source ?? "local"}:${task.id}`}
                task={task}
                busy={moving.has(task.id)}
                milestone={milestoneLabel(task.milestoneId)}
                onMove={onMove}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Memoised: a drag-over, a move or a live event re-renders only the cards whose task changed. */
const TaskCard = memo(function TaskCard({
  task,
  busy,
  milestone,
  onMove,
}: {
  task: SourcedTask;
  busy: boolean;
  milestone: string | null;
  onMove: TaskBoardProps["onMove"];
}) {
  const label = taskLabel(task);
  const peer = peerOf(task);
  return (
    <li
      className={busy ? "task-card busy" : peer ? "task-card read-only" : "task-card"}
      draggable={!busy && !peer}
      data-task-id={task.id}
      data-source={peer ?? "local"}
      aria-label={`${label}: ${task.title}${peer ? ` (from ${peer}, read-only)` : ""}`}
      onDragStart={(e) => {
        e.dataTransfer.setData(TASK_MIME, task.id);
        e.dataTransfer.effectAllowed = "move";
      }}
    >
      {(task.externalId || peer) && (
        <span className="card-id">
          {task.externalId} <SourceBadge item={task} />
        </span>
      )}
      {/* Not draggable itself: a drag that starts on the title moves the card, not the link. */}
      <Link to={itemPath(`/tasks/${task.id}`, task)} className="card-title" draggable={false}>
        {task.title}
      </Link>
      <span className="row-meta">{[task.assignee, milestone].filter(Boolean).join(" · ")}</span>
      {peer ? null : (
        <select
          aria-label={`Status of ${label}`}
          value={task.status}
          disabled={busy}
          onChange={(e) => {
            const next = TaskStatusSchema.safeParse(e.currentTarget.value);
            if (next.success) onMove(task, next.data);
          }}
        >
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      )}
    </li>
  );
});
