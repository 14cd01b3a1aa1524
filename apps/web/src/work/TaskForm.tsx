/**
 * @module The task form, for a new task and for editing one: every editable field, checked with
 * the contract before sending, with the server's field errors next to their fields and a refused
 * status change (409: a dependency isn't done) above the buttons.
 */
import { TaskCreateBody, TaskPriority, TaskUpdateBody, TaskView } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import type { Api } from "../api/endpoints.js";
import { ApiError } from "../api/errors.js";
import { SelectField, TextAreaField } from "../components/Controls.js";
import { Field, FormError } from "../components/Field.js";
import { ErrorNotice } from "../components/Status.js";
import { useApi } from "../context.js";
import { useAction, useLive, useLoad } from "../hooks.js";
import { type FieldErrors, validate } from "../validation.js";
import { loadAllTasks, TASK_PAGE } from "./loadTasks.js";
import { createBody, draftOf, type TaskDraft, updateBody } from "./taskDraft.js";
import { applyTaskEvent, STATUS_LABELS, STATUS_ORDER, taskLabel } from "./taskLogic.js";

interface MilestoneChoice {
  id: string;
  label: string;
}

/** The project's tasks (for depends-on) and its missions' milestones, each labelled "Mission › M1 Title". */
async function loadPlan(api: Api, projectId: string) {
  const [{ items: tasks }, missions] = await Promise.all([
    loadAllTasks((cursor) => api.tasks.list(projectId, { sort: "position", order: "asc", limit: TASK_PAGE, cursor })),
    api.missions.list(projectId, { limit: 100 }),
  ]);
  const details = await Promise.all(missions.items.slice(0, 20).map((m) => api.missions.get(m.id)));
  const milestones: MilestoneChoice[] = details.flatMap((m) =>
    m.milestones.map((ms) => ({
      id: ms.id,
      label: `${m.title} › ${ms.externalId ? `${ms.externalId} ` : ""}${ms.title}`,
    })),
  );
  return { tasks, milestones };
}

const parseTask = (data: unknown) => {
  const parsed = TaskView.safeParse(data);
  return parsed.success ? parsed.data : null;
};

const firstSegment = (fields: Readonly<Record<string, string>>): FieldErrors => {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(fields)) out[k.split(".")[0] ?? ""] ??= v;
  return out;
};

export interface TaskFormProps {
  projectId: string;
  /** The task to edit; absent: a new task. */
  task?: TaskView;
  /** A new task's milestone, preselected (the mission page passes its first milestone). */
  defaultMilestoneId?: string | undefined;
  onSaved: (task: TaskView) => void;
  onCancel?: () => void;
}

export function TaskForm({ projectId, task, defaultMilestoneId, onSaved, onCancel }: TaskFormProps) {
  const api = useApi();
  const action = useAction();
  const plan = useLoad(`task-plan:${projectId}`, () => loadPlan(api, projectId));
  // Tasks added, renamed or deleted elsewhere come and go in "Depends on" while the form is open.
  useLive("task.", (event) =>
    plan.setData((old) => old && { ...old, tasks: applyTaskEvent(old.tasks, event, projectId, {}, parseTask) }),
  );
  const [draft, setDraft] = useState<TaskDraft>(() => draftOf(task, { milestoneId: defaultMilestoneId }));
  const [local, setLocal] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const prefix = task ? `task-${task.id.slice(0, 8)}` : "new-task";

  const set =
    <K extends keyof TaskDraft>(key: K) =>
    (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value as TaskDraft[K];
      setDraft((d) => ({ ...d, [key]: value }));
      setNotice(null);
    };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    let send: () => Promise<TaskView>;
    if (task) {
      const body = updateBody(draft, task);
      if (Object.keys(body).length === 0) return setNotice("Nothing changed.");
      const checked = validate(TaskUpdateBody, body);
      if (!checked.ok) return setLocal(firstSegment(checked.fields));
      send = () => api.tasks.update(task.id, checked.value);
    } else {
      const checked = validate(TaskCreateBody, createBody(draft));
      if (!checked.ok) return setLocal(firstSegment(checked.fields));
      send = () => api.tasks.create(projectId, checked.value);
    }
    setLocal({});
    const saved = await action.run(send);
    if (saved) {
      setNotice(task ? "Saved." : null);
      onSaved(saved);
    }
  };

  const errors = { ...firstSegment(action.fields), ...local };
  const others = (plan.data?.tasks ?? []).filter((t) => t.id !== task?.id);
  const milestones = plan.data?.milestones ?? [];
  const id = (name: string) => `${prefix}-${name}`;

  return (
    <form className="task-form" onSubmit={submit} noValidate aria-label={task ? "Edit task" : "New task"}>
      <Field
        id={id("title")}
        label="Title"
        value={draft.title}
        onChange={set("title")}
        maxLength={500}
        error={errors.title}
      />
      <TextAreaField
        id={id("description")}
        label="Description"
        value={draft.description}
        onChange={set("description")}
        rows={4}
        error={errors.description}
      />
      <div className="form-grid">
        <SelectField
          id={id("status")}
          label="Status"
          value={draft.status}
          onChange={set("status")}
          error={errors.status}
        >
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={id("priority")}
          label="Priority"
          value={draft.priority}
          onChange={set("priority")}
          error={errors.priority}
        >
          {TaskPriority.options.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </SelectField>
        <Field
          id={id("assignee")}
          label="Assignee"
          value={draft.assignee}
          onChange={set("assignee")}
          error={errors.assignee}
        />
        <Field
          id={id("estimate")}
          label="Estimate"
          value={draft.estimate}
          onChange={set("estimate")}
          placeholder="2h"
          error={errors.estimate}
        />
        <Field
          id={id("due")}
          label="Due date"
          type="date"
          value={draft.dueDate}
          onChange={set("dueDate")}
          error={errors.dueDate}
        />
        <Field
          id={id("external-id")}
          label="ID"
          value={draft.externalId}
          onChange={set("externalId")}
          placeholder="FED-M1-04"
          error={errors.externalId}
        />
        <Field id={id("branch")} label="Branch" value={draft.branch} onChange={set("branch")} error={errors.branch} />
        <Field
          id={id("issue")}
          label="Issue"
          value={draft.issue}
          onChange={set("issue")}
          placeholder="#42"
          error={errors.issue}
        />
      </div>
      <div className="form-grid">
        <SelectField
          id={id("milestone")}
          label="Milestone"
          value={draft.milestoneId}
          onChange={set("milestoneId")}
          error={errors.milestoneId}
          hint={plan.loading && !plan.data ? "Loading milestones…" : undefined}
        >
          <option value="">No milestone</option>
          {milestones.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={id("depends-on")}
          label="Depends on"
          multiple
          size={Math.min(6, Math.max(3, others.length))}
          value={draft.dependsOn}
          onChange={(e) => {
            const chosen = Array.from(e.currentTarget.selectedOptions, (o) => o.value);
            setDraft((d) => ({ ...d, dependsOn: chosen }));
          }}
          error={errors.dependsOn}
          hint={
            plan.data && others.length === 0
              ? "No other tasks in this project yet."
              : "Ctrl/⌘-click or Shift+arrows to choose several; it can't start until they are done."
          }
        >
          {others.map((t) => (
            <option key={t.id} value={t.id}>
              {t.externalId ? `${taskLabel(t)} — ${t.title}` : t.title}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id={id("notes")}
        label="Notes"
        value={draft.notes}
        onChange={set("notes")}
        rows={3}
        error={errors.notes}
      />
      <ErrorNotice error={plan.error} retry={plan.reload} />
      <FormError message={errors[""]} />
      {/* A refusal that isn't about input (409: a dependency isn't done) is said above the buttons too. */}
      {(!Object.keys(action.fields).length ||
        !(action.error instanceof ApiError && action.error.code === "validation_error")) && (
        <ErrorNotice error={action.error} />
      )}
      <div className="actions">
        <button type="submit" disabled={action.pending}>
          {action.pending ? "Saving…" : task ? "Save task" : "Create task"}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        {notice && (
          <span className="muted" role="status">
            {notice}
          </span>
        )}
      </div>
    </form>
  );
}
