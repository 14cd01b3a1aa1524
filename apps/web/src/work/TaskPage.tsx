/**
 * @module `/tasks/:id`: one task — where it lives, the edit form with every field, delete. With
 * `?source=federated:<peer>` it is that peer's task, shown read-only (writes to peers don't exist).
 */
import { ApiError } from "../api/errors.js";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { Link } from "../components/Link.js";
import { LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDateTime, isUuid } from "../format.js";
import { useLive, useLoad, useTitle } from "../hooks.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";
import { navigate, useSearchParam } from "../router.js";
import { parseSource } from "../sources/source.js";
import { PeerTask } from "./PeerTask.js";
import { TaskForm } from "./TaskForm.js";
import { STATUS_LABELS, taskLabel } from "./taskLogic.js";

export function TaskPage({ id }: { id: string }) {
  const source = parseSource(useSearchParam("source"));
  if (!isUuid(id)) return <NotFoundPage what="Task" />;
  if (source.startsWith("federated:")) return <PeerTask id={id} peer={source.slice("federated:".length)} />;
  return <TaskDetail id={id} />;
}

function TaskDetail({ id }: { id: string }) {
  const api = useApi();
  const task = useLoad(`task:${id}`, () => api.tasks.get(id));
  const projectId = task.data?.projectId;
  const project = useLoad(`task-project:${projectId ?? ""}`, () =>
    projectId ? api.projects.get(projectId) : Promise.resolve(undefined),
  );
  // The header follows changes made elsewhere; the form keeps what is being typed.
  useLive("task.", (event) => {
    if (event.id === id && event.name === "task.updated") task.reload();
  });
  useTitle(task.data ? taskLabel(task.data) : "Task");

  if (task.error instanceof ApiError && task.error.code === "not_found") return <NotFoundPage what="Task" />;
  return (
    <LoadState state={task}>
      {(t) => (
        <article className="task">
          <p className="crumbs">
            <Link to="/projects">Projects</Link> /{" "}
            <Link to={`/projects/${t.projectId}`}>{project.data?.name ?? "Project"}</Link> /
            {t.missionId && (
              <>
                {" "}
                <Link to={`/missions/${t.missionId}`}>Mission</Link> /
              </>
            )}
          </p>
          <header className="page-head">
            <h1>
              {t.externalId && <span className="card-id">{t.externalId}</span>} {t.title}
            </h1>
            <span className={`status status-${t.status}`}>{STATUS_LABELS[t.status]}</span>
          </header>
          <p className="muted">Last updated {formatDateTime(t.updatedAt)}</p>
          <section className="card" aria-label="Task details">
            <TaskForm key={t.id} projectId={t.projectId} task={t} onSaved={(saved) => task.setData(() => saved)} />
          </section>
          <section className="card danger-zone" aria-labelledby="task-danger">
            <h2 id="task-danger">Delete</h2>
            <ConfirmButton
              label="Delete task"
              title={`Delete ${taskLabel(t)}?`}
              danger
              onConfirm={async () => {
                await api.tasks.remove(t.id);
                navigate(t.missionId ? `/missions/${t.missionId}` : `/projects/${t.projectId}`);
              }}
            >
              <p>The task is deleted for everyone in the project. This cannot be undone.</p>
            </ConfirmButton>
          </section>
        </article>
      )}
    </LoadState>
  );
}
