/** @module One team: rename, members, its projects, leave and delete. */
import { TeamUpdateBody, type TeamView, type UserView } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/errors.js";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { Field, FormError } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { isUuid } from "../format.js";
import { useAction, useLoad, useTitle } from "../hooks.js";
import { navigate } from "../router.js";
import { type FieldErrors, validate } from "../validation.js";
import { NotFoundPage } from "./NotFoundPage.js";
import { TeamMembers } from "./TeamMembers.js";

function RenameTeam({ team, onTeam }: { team: TeamView; onTeam: (team: TeamView) => void }) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const checked = validate(TeamUpdateBody, { name: new FormData(e.currentTarget).get("name") });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const renamed = await action.run(() => api.teams.rename(team.id, checked.value.name));
    if (renamed) onTeam(renamed);
  };
  const errors = { ...action.fields, ...local };
  return (
    <form key={team.updatedAt} onSubmit={submit} noValidate className="inline-form" aria-label="Rename the team">
      <Field label="Team name" name="name" defaultValue={team.name} required maxLength={100} error={errors.name} />
      <FormError message={errors[""]} />
      {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
      <button type="submit" disabled={action.pending}>
        Rename
      </button>
    </form>
  );
}

function TeamProjects({ teamId }: { teamId: string }) {
  const api = useApi();
  const projects = useLoad(`team-projects:${teamId}`, () => api.projects.list({ teamId, limit: 100 }));
  return (
    <LoadState state={projects}>
      {(page) =>
        page.items.length ? (
          <ul className="rows" aria-label="Team projects">
            {page.items.map((p) => (
              <li key={p.id}>
                <Link to={`/projects/${p.id}`} className="row-title">
                  {p.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No active projects in this team. Create one on the Projects page with this team as owner.</Empty>
        )
      }
    </LoadState>
  );
}

export function TeamPage({ id, user }: { id: string; user: UserView }) {
  if (!isUuid(id)) return <NotFoundPage what="Team" />;
  return <TeamDetail id={id} user={user} />;
}

function TeamDetail({ id, user }: { id: string; user: UserView }) {
  const api = useApi();
  const detail = useLoad(`team:${id}`, () => api.teams.get(id));
  useTitle(detail.data?.team.name ?? "Team");
  if (detail.error instanceof ApiError && detail.error.code === "not_found") return <NotFoundPage what="Team" />;

  return (
    <LoadState state={detail}>
      {({ team, members }) => {
        const manager = team.role === "owner" || team.role === "admin";
        return (
          <article>
            <p className="crumbs">
              <Link to="/teams">Teams</Link> /
            </p>
            <header className="page-head">
              <h1>{team.name}</h1>
              <span className="badge">your role: {team.role}</span>
            </header>
            {manager && (
              <section className="card" aria-labelledby="team-name">
                <h2 id="team-name">Name</h2>
                <RenameTeam team={team} onTeam={(t) => detail.setData((d) => d && { ...d, team: t })} />
              </section>
            )}
            <section className="card" aria-labelledby="team-members">
              <h2 id="team-members">Members</h2>
              <TeamMembers
                team={team}
                members={members}
                meId={user.id}
                onMembers={(m) => detail.setData((d) => d && { ...d, members: m })}
                reload={detail.reload}
              />
            </section>
            <section className="card" aria-labelledby="team-projects">
              <h2 id="team-projects">Projects</h2>
              <TeamProjects teamId={team.id} />
            </section>
            <div className="danger-zone">
              <h3>Leave or delete</h3>
              <div className="actions">
                <ConfirmButton
                  label="Leave team"
                  title={`Leave ${team.name}?`}
                  onConfirm={async () => {
                    await api.teams.leave(team.id);
                    navigate("/teams", { replace: true });
                  }}
                >
                  <p>You lose access to its projects. A team must keep at least one owner.</p>
                </ConfirmButton>
                {team.role === "owner" && (
                  <ConfirmButton
                    label="Delete team"
                    title={`Delete ${team.name}?`}
                    confirmLabel="Delete"
                    danger
                    onConfirm={async () => {
                      await api.teams.remove(team.id);
                      navigate("/teams", { replace: true });
                    }}
                  >
                    <p>The team and all of its projects are deleted for every member. This can't be undone.</p>
                  </ConfirmButton>
                )}
              </div>
            </div>
          </article>
        );
      }}
    </LoadState>
  );
}
