/**
 * @module Missions and milestones by hand: a new mission, editing a mission (title, goal, status),
 * and adding, editing and deleting its milestones. Server field errors show next to their fields.
 */
import {
  MilestoneCreateBody,
  MilestoneUpdateBody,
  MissionCreateBody,
  type MissionDetailView,
  MissionStatus,
  MissionUpdateBody,
} from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { SelectField, TextAreaField } from "../components/Controls.js";
import { Field, FormError } from "../components/Field.js";
import { ErrorNotice } from "../components/Status.js";
import { useApi } from "../context.js";
import { useAction } from "../hooks.js";
import { navigate } from "../router.js";
import { type FieldErrors, validate } from "../validation.js";

type Milestone = MissionDetailView["milestones"][number];

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

function Problems({ action, local }: { action: ReturnType<typeof useAction>; local: FieldErrors }) {
  const errors = { ...action.fields, ...local };
  return (
    <>
      <FormError message={errors[""]} />
      {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
    </>
  );
}

function StatusSelect({ value, error, id }: { value?: string; error?: string | undefined; id: string }) {
  return (
    <SelectField id={id} label="Status" name="status" defaultValue={value ?? "active"} error={error}>
      {MissionStatus.options.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </SelectField>
  );
}

/** The project page's "New mission": opens the mission once it exists. */
export function NewMissionForm({ projectId }: { projectId: string }) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <p className="actions">
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          New mission
        </button>
      </p>
    );
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const checked = validate(MissionCreateBody, {
      title: text(form, "title"),
      goal: text(form, "goal"),
      status: text(form, "status"),
    });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const mission = await action.run(() => api.missions.create(projectId, checked.value));
    if (mission) navigate(`/missions/${mission.id}`);
  };
  const errors = { ...action.fields, ...local };
  return (
    <form className="card inset" onSubmit={submit} noValidate aria-label="New mission">
      <h3>New mission</h3>
      <Field label="Title" name="title" maxLength={500} error={errors.title} />
      <TextAreaField label="Goal" name="goal" rows={2} maxLength={2000} error={errors.goal} />
      <StatusSelect id="new-mission-status" error={errors.status} />
      <Problems action={action} local={local} />
      <div className="actions">
        <button type="submit" disabled={action.pending}>
          Create mission
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Edit the mission itself; `onSaved` re-reads the page. */
export function EditMissionForm({
  mission,
  onSaved,
  onCancel,
}: {
  mission: MissionDetailView;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const patch: Record<string, string> = {};
    for (const key of ["title", "goal", "status"] as const) {
      const value = text(form, key);
      if (value !== mission[key]) patch[key] = value;
    }
    if (Object.keys(patch).length === 0) return onCancel();
    const checked = validate(MissionUpdateBody, patch);
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    if (await action.run(() => api.missions.update(mission.id, checked.value))) onSaved();
  };
  const errors = { ...action.fields, ...local };
  return (
    <form className="card inset" onSubmit={submit} noValidate aria-label="Edit mission">
      <Field label="Title" name="title" defaultValue={mission.title} maxLength={500} error={errors.title} />
      <TextAreaField
        label="Goal"
        name="goal"
        defaultValue={mission.goal}
        rows={3}
        maxLength={2000}
        error={errors.goal}
      />
      <StatusSelect id="edit-mission-status" value={mission.status} error={errors.status} />
      <Problems action={action} local={local} />
      <div className="actions">
        <button type="submit" disabled={action.pending}>
          Save mission
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Add a milestone at the end of the mission. */
export function AddMilestoneForm({ missionId, onSaved }: { missionId: string; onSaved: () => void }) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const externalId = text(form, "externalId").trim();
    const checked = validate(MilestoneCreateBody, {
      title: text(form, "title"),
      goal: text(form, "goal"),
      ...(externalId ? { externalId } : {}),
    });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    if (await action.run(() => api.missions.addMilestone(missionId, checked.value))) {
      formEl.reset();
      onSaved();
    }
  };
  const errors = { ...action.fields, ...local };
  return (
    <form className="inline-form milestone-form" onSubmit={submit} noValidate aria-label="Add a milestone">
      <Field label="New milestone" name="title" maxLength={500} error={errors.title} />
      <Field
        label="Milestone ID"
        name="externalId"
        maxLength={100}
        placeholder="M2"
        size={8}
        error={errors.externalId}
      />
      <Field label="Goal" name="goal" maxLength={2000} error={errors.goal} />
      <Problems action={action} local={local} />
      <button type="submit" disabled={action.pending}>
        Add milestone
      </button>
    </form>
  );
}

/** Edit or delete one milestone, in place in the milestone list. */
export function MilestoneEditor({ milestone, onSaved }: { milestone: Milestone; onSaved: () => void }) {
  const api = useApi();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [local, setLocal] = useState<FieldErrors>({});
  const name = milestone.externalId ?? milestone.title;
  if (!open)
    return (
      <span className="actions">
        <button
          type="button"
          className="secondary small"
          onClick={() => setOpen(true)}
          aria-label={`Edit milestone ${name}`}
        >
          Edit
        </button>
        <ConfirmButton
          label="Delete"
          title={`Delete milestone ${name}?`}
          danger
          onConfirm={async () => {
            await api.missions.removeMilestone(milestone.id);
            onSaved();
          }}
        >
          <p>Only an empty milestone can be deleted: move or delete its tasks first.</p>
        </ConfirmButton>
      </span>
    );
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const patch: Record<string, string> = {};
    for (const key of ["title", "goal", "externalId"] as const) {
      const value = text(form, key);
      if (value !== (milestone[key] ?? "")) patch[key] = value;
    }
    if (Object.keys(patch).length === 0) return setOpen(false);
    const checked = validate(MilestoneUpdateBody, patch);
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    if (await action.run(() => api.missions.updateMilestone(milestone.id, checked.value))) {
      setOpen(false);
      onSaved();
    }
  };
  const errors = { ...action.fields, ...local };
  const p = `ms-${milestone.id.slice(0, 8)}`;
  return (
    <form className="card inset" onSubmit={submit} noValidate aria-label={`Edit milestone ${name}`}>
      <Field id={`${p}-title`} label="Title" name="title" defaultValue={milestone.title} error={errors.title} />
      <Field
        id={`${p}-id`}
        label="Milestone ID"
        name="externalId"
        defaultValue={milestone.externalId ?? ""}
        error={errors.externalId}
      />
      <Field id={`${p}-goal`} label="Goal" name="goal" defaultValue={milestone.goal} error={errors.goal} />
      <Problems action={action} local={local} />
      <div className="actions">
        <button type="submit" disabled={action.pending}>
          Save milestone
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
