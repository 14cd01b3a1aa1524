/** @module One project: its header, then each registered section (projectSections.tsx). */
import { ApiError } from "../api/errors.js";
import { Link } from "../components/Link.js";
import { LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { isUuid, ownerLabel } from "../format.js";
import { useLive, useLoad, useTitle } from "../hooks.js";
import { NotFoundPage } from "./NotFoundPage.js";
import { projectSections } from "./projectSections.js";

export function ProjectPage({ id }: { id: string }) {
  if (!isUuid(id)) return <NotFoundPage what="Project" />;
  return <ProjectView id={id} />;
}

function ProjectView({ id }: { id: string }) {
  const api = useApi();
  const project = useLoad(`project:${id}`, () => api.projects.get(id));
  const teams = useLoad("teams", () => api.teams.list({ limit: 100 }));
  useLive("project.", (event) => {
    if (event.id === id) project.reload();
  });
  useTitle(project.data?.name ?? "Project");

  if (project.error instanceof ApiError && project.error.code === "not_found") return <NotFoundPage what="Project" />;
  const teamList = teams.data?.items ?? [];
  return (
    <LoadState state={project}>
      {(p) => (
        <article className="project">
          <p className="crumbs">
            <Link to="/projects">Projects</Link> /
          </p>
          <header className="page-head">
            <h1>{p.name}</h1>
            <span className={p.owner.kind === "team" ? "badge team" : "badge"}>
              {p.owner.kind === "team" ? (
                <Link to={`/teams/${p.owner.teamId}`}>Team: {ownerLabel(p, teamList)}</Link>
              ) : (
                "Personal"
              )}
            </span>
            {p.status === "archived" && <span className="badge archived">Archived</span>}
          </header>
          {projectSections.map((section) => (
            <section key={section.id} className="card" aria-labelledby={`section-${section.id}`}>
              <h2 id={`section-${section.id}`}>{section.title}</h2>
              {section.render({ project: p, teams: teamList, onProjectChange: (next) => project.setData(() => next) })}
            </section>
          ))}
        </article>
      )}
    </LoadState>
  );
}
