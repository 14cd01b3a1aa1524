/** @module A project's own settings: rename and describe, archive/unarchive, delete (with confirmation). */
import { ProjectUpdateBody } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { Field, FormError } from "../components/Field.js";
import { ErrorNotice } from "../components/Status.js";
import { useApi } from "../context.js";
import { canManageProject } from "../format.js";
import { useAction } from "../hooks.js";
import { navigate } from "../router.js";
import { type FieldErrors, validate } from "../validation.js";
import type { ProjectSectionProps } from "./projectSections.js";

export function ProjectDetails({ project, teams, onProjectChange }: ProjectSectionProps) {
  const api = useApi();
  const save = useAction();
  const status = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const manage = canManageProject(project, teams);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const form = new FormData(e.currentTarget);
    const checked = validate(ProjectUpdateBody, { name: form.get("name"), description: form.get("description") });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const updated = await save.run(() => api.projects.update(project.id, checked.value));
    if (updated) {
      onProjectChange(updated);
      setSaved(true);
    }
  };
  const toggleArchive = async () => {
    const updated = await status.run(() =>
      project.status === "active" ? api.projects.archive(project.id) : api.projects.unarchive(project.id),
    );
    if (updated) onProjectChange(updated);
  };
  const errors = { ...save.fields, ...local };

  return (
    <>
      {/* key: a rename elsewhere (live update) resets the uncontrolled inputs to the new values */}
      <form key={project.updatedAt} onSubmit={submit} noValidate className="stack">
        <Field label="Name" name="name" defaultValue={project.name} required maxLength={200} error={errors.name} />
        <div className="field">
          <label htmlFor="project-description">Description</label>
          <textarea
            id="project-description"
            name="description"
            rows={3}
            maxLength={10_000}
            defaultValue={project.description}
          />
        </div>
        <FormError message={errors[""]} />
        {!Object.keys(save.fields).length && <ErrorNotice error={save.error} />}
        <div className="actions">
          <button type="submit" disabled={save.pending}>
            {save.pending ? "Saving…" : "Save"}
          </button>
          {saved && (
            <span role="status" className="muted">
              Saved.
            </span>
          )}
        </div>
      </form>
      <div className="danger-zone">
        <h3>Status and removal</h3>
        {!manage && (
          <p className="muted">Archiving and deleting a team project takes the team's owner or admin role.</p>
        )}
        <ErrorNotice error={status.error} />
        <div className="actions">
          <button type="button" className="secondary" disabled={!manage || status.pending} onClick={toggleArchive}>
            {project.status === "active" ? "Archive" : "Unarchive"}
          </button>
          <ConfirmButton
            label="Delete project"
            title={`Delete “${project.name}”?`}
            confirmLabel="Delete"
            danger
            disabled={!manage}
            onConfirm={async () => {
              await api.projects.remove(project.id);
              navigate("/projects", { replace: true });
            }}
          >
            <p>The project and everything in it are deleted for everyone who can see it. This can't be undone.</p>
          </ConfirmButton>
        </div>
      </div>
    </>
  );
}
