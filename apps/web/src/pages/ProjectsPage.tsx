/** @module Projects: the caller's personal and team projects, filtered by status/owner, and the create form. */
import { ProjectCreateBody, type ProjectStatus, type ProjectView, type TeamView } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import { Field, FormError } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate, ownerLabel } from "../format.js";
import { useAction, useLive, useLoad, useTitle } from "../hooks.js";
import { navigate } from "../router.js";
import { type FieldErrors, validate } from "../validation.js";

const PAGE = 20;

function CreateProject({ teams }: { teams: readonly TeamView[] }) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  // Creating in a team takes its owner or admin role; members would only get a 403.
  const manageable = teams.filter((t) => t.role === "owner" || t.role === "admin");

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const teamId = String(form.get("teamId") ?? "");
    const checked = validate(ProjectCreateBody, {
      name: form.get("name"),
      description: form.get("description"),
      ...(teamId ? { teamId } : {}),
    });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const created = await action.run(() => api.projects.create(checked.value));
    if (created) navigate(`/projects/${created.id}`);
  };
  const errors = { ...action.fields, ...local };

  return (
    <form className="card create" onSubmit={submit} noValidate aria-labelledby="create-project">
      <h2 id="create-project">New project</h2>
      <div className="grid">
        <Field label="Name" name="name" required maxLength={200} error={errors.name} />
        <div className="field">
          <label htmlFor="project-owner">Owner</label>
          <select id="project-owner" name="teamId" defaultValue="">
            <option value="">Personal (only you)</option>
            {manageable.map((t) => (
              <option key={t.id} value={t.id}>
                Team: {t.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="project-description">Description</label>
        <textarea id="project-description" name="description" rows={2} maxLength={10_000} />
      </div>
      <FormError message={errors[""]} />
      {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
      <button type="submit" disabled={action.pending}>
        {action.pending ? "Creating…" : "Create project"}
      </button>
    </form>
  );
}

function ProjectRow({ project, teams }: { project: ProjectView; teams: readonly TeamView[] }) {
  return (
    <li>
      <div className="row-main">
        <Link to={`/projects/${project.id}`} className="row-title">
          {project.name}
        </Link>
        {project.description && <p className="muted clamp">{project.description}</p>}
      </div>
      <div className="row-meta">
        <span className={project.owner.kind === "team" ? "badge team" : "badge"}>{ownerLabel(project, teams)}</span>
        <span className="muted">updated {formatDate(project.updatedAt)}</span>
      </div>
    </li>
  );
}

export function ProjectsPage() {
  useTitle("Projects");
  const api = useApi();
  const [status, setStatus] = useState<ProjectStatus>("active");
  const [teamId, setTeamId] = useState("");
  const [more, setMore] = useState<{ items: ProjectView[]; cursor: string | null } | null>(null);
  const teams = useLoad("teams", () => api.teams.list({ limit: 100 }));
  const projects = useLoad(`projects:${status}:${teamId}`, () => {
    setMore(null);
    return api.projects.list({ status, limit: PAGE, ...(teamId ? { teamId } : {}) });
  });
  useLive("project.", () => projects.reload());
  const loadMore = useAction();
  const teamList = teams.data?.items ?? [];

  const next = more ? more.cursor : (projects.data?.nextCursor ?? null);
  const fetchMore = async () => {
    if (!next) return;
    const page = await loadMore.run(() =>
      api.projects.list({ status, limit: PAGE, cursor: next, ...(teamId ? { teamId } : {}) }),
    );
    if (page) setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
  };

  return (
    <section>
      <h1>Projects</h1>
      <CreateProject teams={teamList} />
      <div className="toolbar">
        <fieldset className="segmented">
          <legend className="sr-only">Status</legend>
          {(["active", "archived"] as const).map((s) => (
            <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
              {s === "active" ? "Active" : "Archived"}
            </button>
          ))}
        </fieldset>
        <label className="inline">
          Owner{" "}
          <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">All</option>
            {teamList.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LoadState state={projects}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          if (!items.length)
            return (
              <Empty>
                {status === "active" ? "No active projects yet — create one above." : "No archived projects."}
              </Empty>
            );
          return (
            <>
              <ul className="rows" aria-label={`${status === "active" ? "Active" : "Archived"} projects`}>
                {items.map((p) => (
                  <ProjectRow key={p.id} project={p} teams={teamList} />
                ))}
              </ul>
              <ErrorNotice error={loadMore.error} />
              {next && (
                <button type="button" className="secondary" onClick={fetchMore} disabled={loadMore.pending}>
                  {loadMore.pending ? "Loading…" : "Load more"}
                </button>
              )}
            </>
          );
        }}
      </LoadState>
    </section>
  );
}
