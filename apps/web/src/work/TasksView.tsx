/**
 * @module Tasks of a project or a mission — or every task the caller can read, across projects and
 * through peers (`source`) — as a list (sorted and filtered by the API's query) or a kanban board;
 * live `task.*` events move cards without a reload. A peer's tasks are read-only.
 */
import { type SourceSelector, type TaskSortKey, type TaskStatus, TaskView } from "@mosaic/contracts";
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { describeError } from "../api/errors.js";
import type { SourcedTask } from "../api/sourced.js";
import { LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { useLive, useLoad } from "../hooks.js";
import { PartialNotice } from "../sources/SourceControls.js";
import { peerOf, sourceQuery } from "../sources/source.js";
import { loadAllTasks, TASK_PAGE } from "./loadTasks.js";
import { TaskBoard } from "./TaskBoard.js";
import { TaskForm } from "./TaskForm.js";
import { TaskTable } from "./TaskTable.js";
import {
  applyTaskEvent,
  matchesFilter,
  planOrder,
  STATUS_LABELS,
  STATUS_ORDER,
  type TaskFilter,
  taskLabel,
} from "./taskLogic.js";

const parseTask = (data: unknown) => {
  const parsed = TaskView.safeParse(data);
  return parsed.success ? parsed.data : null;
};

const SORTS: readonly { key: TaskSortKey; label: string }[] = [
  { key: "position", label: "Plan order" },
  { key: "priority", label: "Priority" },
  { key: "due", label: "Due date" },
  { key: "updated", label: "Last updated" },
  { key: "created", label: "Created" },
];

export interface TasksViewProps {
  /** Without one: every task the caller can read (`GET /api/tasks`), no create form. */
  projectId?: string | undefined;
  /** Where the cross-project view reads from (a project's own view is always local). */
  source?: SourceSelector;
  /** Shown first in the toolbar (the cross-project page's source selector). */
  toolbarStart?: ReactNode;
  missionId?: string | undefined;
  /** The mission's milestones, for the milestone filter and card labels (empty outside a mission). */
  milestones?: readonly { id: string; externalId: string | null; title: string }[];
}

export function TasksView({ projectId, missionId, milestones = [], source = "local", toolbarStart }: TasksViewProps) {
  const api = useApi();
  const uid = useId();
  const [view, setView] = useState<"list" | "board">("board");
  const [status, setStatus] = useState<TaskStatus | "">("");
  const [milestoneId, setMilestoneId] = useState("");
  const [assigneeText, setAssigneeText] = useState("");
  const [assignee, setAssignee] = useState("");
  const [containsText, setContainsText] = useState("");
  const [contains, setContains] = useState("");
  const [sort, setSort] = useState<TaskSortKey>("position");
  const [order, setOrder] = useState<"asc" | "desc">("asc");
  const [moving, setMoving] = useState<ReadonlySet<string>>(new Set());
  const [moveError, setMoveError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  // Typing in the assignee box asks the API once the typing pauses, not per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      setAssignee(assigneeText.trim());
      setContains(containsText.trim());
    }, 300);
    return () => clearTimeout(timer);
  }, [assigneeText, containsText]);

  // The board's columns are the statuses, so it ignores the status filter and keeps plan order.
  const filter: TaskFilter = {
    missionId,
    status: view === "list" && status ? status : undefined,
    assignee: assignee || undefined,
    milestoneId: milestoneId || undefined,
  };
  const query = {
    ...filter,
    sort: view === "list" ? sort : "position",
    order: view === "list" ? order : "asc",
  };
  const key = `tasks:${projectId ?? "*"}:${source}:${contains}:${JSON.stringify(query)}`;
  const currentKey = useRef(key);
  currentKey.current = key;
  const fetchPage = (cursor: string | undefined) =>
    projectId
      ? api.tasks.list(projectId, { ...query, limit: TASK_PAGE, cursor })
      : api.tasks.all({ ...query, q: contains || undefined, source: sourceQuery(source), limit: TASK_PAGE, cursor });
  // Each page shows as it arrives; a page of a query no longer asked for is dropped.
  const tasks = useLoad(key, () =>
    loadAllTasks(fetchPage, (soFar) => currentKey.current === key && tasks.setData(() => soFar)),
  );
  useLive("task.", (event) => {
    // Across projects the filters are the API's (`q` among them): ask again rather than guess.
    if (!projectId) return source.startsWith("federated:") ? undefined : tasks.reload();
    tasks.setData((old) => old && { ...old, items: applyTaskEvent(old.items, event, projectId, filter, parseTask) });
  });

  const byMilestone = new Map(milestones.map((m) => [m.id, m.externalId ?? m.title]));
  const milestoneIds = milestones.map((m) => m.id);
  const milestoneLabel = (id: string | null) => (id ? (byMilestone.get(id) ?? null) : null);

  const moveTask = async (task: SourcedTask, next: TaskStatus) => {
    setMoveError(null);
    // The board offers no move on a peer's card; this guards a stale drop all the same.
    if (peerOf(task)) return setMoveError(`${taskLabel(task)} is on ${peerOf(task)}: read-only here.`);
    setMoving((s) => new Set(s).add(task.id));
    try {
      const moved = await api.tasks.move(task.id, next);
      tasks.setData((old) => old && { ...old, items: old.items.map((t) => (t.id === moved.id ? moved : t)) });
    } catch (err) {
      // A 409 names the unfinished dependencies: exactly what the person needs to read.
      setMoveError(`Couldn't move ${taskLabel(task)} to ${STATUS_LABELS[next]}: ${describeError(err)}`);
    } finally {
      setMoving((s) => {
        const rest = new Set(s);
        rest.delete(task.id);
        return rest;
      });
    }
  };

  // A stable callback, so the memoised cards don't all re-render when one moves.
  const moveRef = useRef(moveTask);
  moveRef.current = moveTask;
  const move = useCallback((task: SourcedTask, next: TaskStatus) => void moveRef.current(task, next), []);

  const created = (task: TaskView) => {
    setCreating(false);
    // The live event adds it too; whichever comes first wins, the other finds it there.
    tasks.setData(
      (old) =>
        old &&
        (old.items.some((t) => t.id === task.id) || !matchesFilter(task, filter)
          ? old
          : { ...old, items: [...old.items, task] }),
    );
  };

  return (
    <div className="stack">
      {projectId &&
        (creating ? (
          <div className="card inset">
            <h3>New task</h3>
            <TaskForm
              projectId={projectId}
              defaultMilestoneId={milestones[0]?.id}
              onSaved={created}
              onCancel={() => setCreating(false)}
            />
          </div>
        ) : (
          <p className="actions">
            <button type="button" onClick={() => setCreating(true)}>
              New task
            </button>
          </p>
        ))}
      <div className="toolbar task-toolbar">
        {toolbarStart}
        <fieldset className="segmented">
          <legend className="sr-only">Show tasks as</legend>
          <button type="button" aria-pressed={view === "board"} onClick={() => setView("board")}>
            Board
          </button>
          <button type="button" aria-pressed={view === "list"} onClick={() => setView("list")}>
            List
          </button>
        </fieldset>
        {view === "list" && (
          <span className="inline">
            <label htmlFor={`${uid}-status`}>Status</label>
            <select
              id={`${uid}-status`}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as TaskStatus | "")}
            >
              <option value="">Any</option>
              {STATUS_ORDER.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </span>
        )}
        {milestones.length > 0 && (
          <span className="inline">
            <label htmlFor={`${uid}-milestone`}>Milestone</label>
            <select id={`${uid}-milestone`} value={milestoneId} onChange={(e) => setMilestoneId(e.currentTarget.value)}>
              <option value="">Any</option>
              {milestones.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.externalId ?? m.title}
                </option>
              ))}
            </select>
          </span>
        )}
        {!projectId && (
          <span className="inline">
            <label htmlFor={`${uid}-contains`}>Contains</label>
            <input
              id={`${uid}-contains`}
              type="search"
              value={containsText}
              maxLength={200}
              size={10}
              onChange={(e) => setContainsText(e.currentTarget.value)}
            />
          </span>
        )}
        <span className="inline">
          <label htmlFor={`${uid}-assignee`}>Assignee</label>
          <input
            id={`${uid}-assignee`}
            type="search"
            value={assigneeText}
            maxLength={200}
            size={10}
            onChange={(e) => setAssigneeText(e.currentTarget.value)}
          />
        </span>
        {view === "list" && (
          <>
            <span className="inline">
              <label htmlFor={`${uid}-sort-by`}>Sort by</label>
              <select
                id={`${uid}-sort-by`}
                value={sort}
                onChange={(e) => setSort(e.currentTarget.value as TaskSortKey)}
              >
                {SORTS.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.label}
                  </option>
                ))}
              </select>
            </span>
            <span className="inline">
              <label htmlFor={`${uid}-order`}>Order</label>
              <select
                id={`${uid}-order`}
                value={order}
                onChange={(e) => setOrder(e.currentTarget.value as "asc" | "desc")}
              >
                <option value="asc">Ascending</option>
                <option value="desc">Descending</option>
              </select>
            </span>
          </>
        )}
      </div>
      {moveError && (
        <div className="notice error" role="alert">
          <p>{moveError}</p>
          <button type="button" className="secondary" onClick={() => setMoveError(null)}>
            Dismiss
          </button>
        </div>
      )}
      <LoadState state={tasks}>
        {({ items, errors }) => (
          <>
            <PartialNotice errors={errors} />
            {view === "board" ? (
              <TaskBoard
                tasks={planOrder(items, milestoneIds)}
                moving={moving}
                onMove={move}
                milestoneLabel={milestoneLabel}
              />
            ) : (
              <TaskTable tasks={items} milestoneLabel={milestoneLabel} />
            )}
          </>
        )}
      </LoadState>
    </div>
  );
}
