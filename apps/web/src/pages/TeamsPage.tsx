/** @module Teams the caller belongs to, with their role in each, and the create-team form. */
import { TeamCreateBody } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import { Field, FormError } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useAction, useLoad, useTitle } from "../hooks.js";
import { navigate } from "../router.js";
import { type FieldErrors, validate } from "../validation.js";

function CreateTeam() {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const checked = validate(TeamCreateBody, { name: new FormData(e.currentTarget).get("name") });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const team = await action.run(() => api.teams.create(checked.value.name));
    if (team) navigate(`/teams/${team.id}`);
  };
  const errors = { ...action.fields, ...local };
  return (
    <form className="card create inline-form" onSubmit={submit} noValidate aria-labelledby="create-team">
      <h2 id="create-team">New team</h2>
      <Field label="Team name" name="name" required maxLength={100} error={errors.name} />
      <FormError message={errors[""]} />
      {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
      <button type="submit" disabled={action.pending}>
        {action.pending ? "Creating…" : "Create team"}
      </button>
    </form>
  );
}

export function TeamsPage() {
  useTitle("Teams");
  const api = useApi();
  const teams = useLoad("teams", () => api.teams.list({ limit: 100 }));
  return (
    <section>
      <h1>Teams</h1>
      <p className="muted">
        A team owns projects that all its members can read and edit; its owners and admins manage members and archive or
        delete its projects.
      </p>
      <CreateTeam />
      <LoadState state={teams}>
        {(page) =>
          page.items.length ? (
            <ul className="rows" aria-label="Your teams">
              {page.items.map((t) => (
                <li key={t.id}>
                  <div className="row-main">
                    <Link to={`/teams/${t.id}`} className="row-title">
                      {t.name}
                    </Link>
                  </div>
                  <div className="row-meta">
                    <span className="badge">{t.role}</span>
                    <span className="muted">since {formatDate(t.createdAt)}</span>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>You are not in any team yet — create one above, or ask a team admin to add you.</Empty>
          )
        }
      </LoadState>
    </section>
  );
}
