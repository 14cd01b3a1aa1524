/** @module One mission: milestones with progress, its tasks (board or list), the dependency view, TASKS.md download. */
import { useState } from "react";
import { ApiError } from "../api/errors.js";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { Link } from "../components/Link.js";
import { Empty, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { isUuid } from "../format.js";
import { useLive, useLoad, useTitle } from "../hooks.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";
import { navigate } from "../router.js";
import { DependencyView } from "./DependencyView.js";
import { AddMilestoneForm, EditMissionForm, MilestoneEditor } from "./MissionForms.js";
import { TasksView } from "./TasksView.js";
import { percentDone } from "./taskLogic.js";

export function MissionPage({ id }: { id: string }) {
  if (!isUuid(id)) return <NotFoundPage what="Mission" />;
  return <MissionView id={id} />;
}

function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  const percent = percentDone({ done, total });
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${done} of ${total} done`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="muted nowrap">
        {done}/{total} · {percent} %
      </span>
    </div>
  );
}

function MissionView({ id }: { id: string }) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const mission = useLoad(`mission:${id}`, () => api.missions.get(id));
  const projectId = mission.data?.projectId;
  const project = useLoad(`mission-project:${projectId ?? ""}`, () =>
    projectId ? api.projects.get(projectId) : Promise.resolve(undefined),
  );
  // Progress and the dependency view follow every change to the mission's tasks, wherever made.
  useLive("task.", (event) => {
    const missionOf = (event.data as { missionId?: unknown } | undefined)?.missionId;
    if (missionOf === id || mission.data?.tasks.some((t) => t.id === event.id)) mission.reload();
  });
  useLive("mission.", (event) => {
    if (event.id === id) mission.reload();
  });
  useTitle(mission.data?.title ?? "Mission");

  if (mission.error instanceof ApiError && mission.error.code === "not_found") return <NotFoundPage what="Mission" />;
  return (
    <LoadState state={mission}>
      {(m) => (
        <article className="mission">
          <p className="crumbs">
            <Link to="/projects">Projects</Link> /{" "}
            <Link to={`/projects/${m.projectId}`}>{project.data?.name ?? "Project"}</Link> /
          </p>
          <header className="page-head">
            <h1>{m.title}</h1>
            <span className="badge">{m.status}</span>
          </header>
          {editing ? (
            <EditMissionForm
              mission={m}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                mission.reload();
              }}
            />
          ) : (
            m.goal && <p>{m.goal}</p>
          )}
          <p className="actions">
            <a className="button" href={api.missions.exportUrl(m.id)} download={`${slug(m.title)}.tasks.md`}>
              Download TASKS.md
            </a>
            {!editing && (
              <button type="button" className="secondary" onClick={() => setEditing(true)}>
                Edit mission
              </button>
            )}
          </p>
          <ProgressBar label="Mission progress" done={m.progress.done} total={m.progress.total} />

          <section className="card" aria-labelledby="mission-milestones">
            <h2 id="mission-milestones">Milestones</h2>
            <ol className="milestones">
              {m.milestones.map((ms) => (
                <li key={ms.id}>
                  <div className="milestone-head">
                    <h3>
                      {ms.externalId && <span className="card-id">{ms.externalId}</span>} {ms.title}
                    </h3>
                    <MilestoneEditor milestone={ms} onSaved={mission.reload} />
                  </div>
                  {ms.goal && <p className="muted">{ms.goal}</p>}
                  <ProgressBar
                    label={`${ms.externalId ?? ms.title} progress`}
                    done={ms.progress.done}
                    total={ms.progress.total}
                  />
                </li>
              ))}
            </ol>
            {m.milestones.length === 0 && <Empty>No milestones yet.</Empty>}
            <AddMilestoneForm missionId={m.id} onSaved={mission.reload} />
          </section>

          <section className="card" aria-labelledby="mission-tasks">
            <h2 id="mission-tasks">Tasks</h2>
            <TasksView projectId={m.projectId} missionId={m.id} milestones={m.milestones} />
          </section>

          <section className="card" aria-labelledby="mission-deps">
            <h2 id="mission-deps">Dependencies</h2>
            <DependencyView tasks={m.tasks} />
          </section>

          <section className="danger-zone" aria-labelledby="mission-delete">
            <h2 id="mission-delete">Delete</h2>
            <ConfirmButton
              label="Delete mission"
              title={`Delete ${m.title}?`}
              danger
              onConfirm={async () => {
                await api.missions.remove(m.id);
                navigate(`/projects/${m.projectId}`);
              }}
            >
              <p>
                The mission, its milestones and its tasks are deleted for everyone in the project. This cannot be
                undone.
              </p>
            </ConfirmButton>
          </section>
        </article>
      )}
    </LoadState>
  );
}

/** A file name from the title: "Federation v1 — one brain" → "federation-v1-one-brain". */
export function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/gu, "-")
      .replace(/^-|-$/gu, "")
      .slice(0, 60) || "mission"
  );
}
