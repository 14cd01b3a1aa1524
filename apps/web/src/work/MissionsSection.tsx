/** @module The project page's Missions section: the project's missions (live) and the TASKS.md import. */
import type { ProjectView } from "@mosaic/contracts";
import { Link } from "../components/Link.js";
import { Empty, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useLive, useLoad } from "../hooks.js";
import { NewMissionForm } from "./MissionForms.js";
import { MissionImport } from "./MissionImport.js";

export function MissionsSection({ project }: { project: ProjectView }) {
  const api = useApi();
  const missions = useLoad(`missions:${project.id}`, () => api.missions.list(project.id, { limit: 100 }));
  useLive("mission.", (event) => {
    if (event.projectId === project.id) missions.reload();
  });
  return (
    <div className="stack">
      <LoadState state={missions}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No missions yet — create one, or import a TASKS.md file.</Empty>
          ) : (
            <ul className="rows">
              {page.items.map((m) => (
                <li key={m.id}>
                  <div className="row-main">
                    <Link to={`/missions/${m.id}`} className="row-title">
                      {m.title}
                    </Link>
                    {m.goal && <p className="clamp">{m.goal}</p>}
                    <span className="row-meta">
                      {m.status} · updated {formatDate(m.updatedAt)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
      <NewMissionForm projectId={project.id} />
      <MissionImport projectId={project.id} />
    </div>
  );
}
