/** @module A team's members: add by email, change role, remove. Buttons follow docs/ACCESS.md's team table. */
import { TeamMemberAddBody, type TeamMemberView, type TeamRole, type TeamView } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { Field, FormError } from "../components/Field.js";
import { ErrorNotice } from "../components/Status.js";
import { useApi } from "../context.js";
import { useAction } from "../hooks.js";
import { assignableRoles, canEditMember } from "../teamRoles.js";
import { type FieldErrors, validate } from "../validation.js";

interface Props {
  team: TeamView;
  members: readonly TeamMemberView[];
  meId: string;
  onMembers: (members: TeamMemberView[]) => void;
  /** Re-reads the team (after a removal, which answers 204 without the new list). */
  reload: () => void;
}

function AddMember({ team, onMembers }: Pick<Props, "team" | "onMembers">) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const checked = validate(TeamMemberAddBody, { email: form.get("email"), role: form.get("role") });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const members = await action.run(() => api.teams.addMember(team.id, checked.value));
    if (members) {
      onMembers(members);
      formEl.reset();
    }
  };
  const errors = { ...action.fields, ...local };
  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-labelledby="add-member">
      <h3 id="add-member">Add a member</h3>
      <p className="muted">They need an account on this gateway already.</p>
      <Field label="Member's email" name="email" type="email" required error={errors.email} />
      <div className="field">
        <label htmlFor="add-role">Role</label>
        <select id="add-role" name="role" defaultValue="member">
          {assignableRoles(team.role).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <FormError message={errors[""]} />
      {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
      <button type="submit" disabled={action.pending}>
        {action.pending ? "Adding…" : "Add member"}
      </button>
    </form>
  );
}

function MemberRow({ team, member, meId, onMembers, reload }: Omit<Props, "members"> & { member: TeamMemberView }) {
  const api = useApi();
  const action = useAction();
  const me = member.userId === meId;
  const editable = !me && canEditMember(team.role, member);
  const roles = assignableRoles(team.role);
  return (
    <li>
      <div className="row-main">
        <span className="row-title">
          {member.name}
          {me && <span className="muted"> (you)</span>}
        </span>
        <span className="muted">{member.email}</span>
        <ErrorNotice error={action.error} />
      </div>
      <div className="row-meta">
        {editable ? (
          <label className="inline">
            <span className="sr-only">Role of {member.email}</span>
            <select
              value={member.role}
              disabled={action.pending}
              onChange={async (e) => {
                const role = e.target.value as TeamRole;
                const members = await action.run(() => api.teams.setRole(team.id, member.userId, role));
                if (members) onMembers(members);
              }}
            >
              {(roles.includes(member.role) ? roles : [member.role, ...roles]).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="badge">{member.role}</span>
        )}
        {editable && (
          <ConfirmButton
            label="Remove"
            title={`Remove ${member.email} from ${team.name}?`}
            danger
            onConfirm={async () => {
              await api.teams.removeMember(team.id, member.userId);
              reload();
            }}
          >
            <p>They lose access to the team's projects at once.</p>
          </ConfirmButton>
        )}
      </div>
    </li>
  );
}

export function TeamMembers(props: Props) {
  const manager = props.team.role === "owner" || props.team.role === "admin";
  return (
    <>
      <ul className="rows" aria-label="Members">
        {props.members.map((m) => (
          <MemberRow key={m.userId} {...props} member={m} />
        ))}
      </ul>
      {manager ? (
        <AddMember team={props.team} onMembers={props.onMembers} />
      ) : (
        <p className="muted">Only the team's owners and admins can add or change members.</p>
      )}
    </>
  );
}
