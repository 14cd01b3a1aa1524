/** @module Gateway accounts for admins: who exists, and disable/enable (a disabled account is locked out at once). */
import type { UserView } from "@mosaic/contracts";
import { useState } from "react";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useAction, useLoad, useTitle } from "../hooks.js";

function UserRow({ user, me, onUser }: { user: UserView; me: boolean; onUser: (u: UserView) => void }) {
  const api = useApi();
  const enable = useAction();
  return (
    <li className={user.disabled ? "revoked" : undefined}>
      <div className="row-main">
        <span className="row-title">
          {user.name}
          {me && <span className="muted"> (you)</span>}
        </span>
        <span className="muted">
          {user.email} · joined {formatDate(user.createdAt)}
        </span>
        <ErrorNotice error={enable.error} />
      </div>
      <div className="row-meta">
        <span className="badge">{user.role}</span>
        {user.disabled && <span className="badge archived">disabled</span>}
        {!me &&
          (user.disabled ? (
            <button
              type="button"
              className="secondary"
              disabled={enable.pending}
              onClick={async () => {
                const updated = await enable.run(() => api.admin.enable(user.id));
                if (updated) onUser(updated);
              }}
            >
              Enable
            </button>
          ) : (
            <ConfirmButton
              label="Disable"
              title={`Disable ${user.email}?`}
              danger
              onConfirm={async () => onUser(await api.admin.disable(user.id))}
            >
              <p>
                Their sessions end now and their tokens are rejected from the next request on. You can enable them
                again.
              </p>
            </ConfirmButton>
          ))}
      </div>
    </li>
  );
}

export function AdminUsersPage({ me }: { me: UserView }) {
  useTitle("Users");
  // Members never see the link; a typed URL gets this instead of a request that would be a 403.
  if (me.role !== "admin") {
    return (
      <section>
        <h1>Users</h1>
        <p>Only gateway admins can manage accounts.</p>
      </section>
    );
  }
  return <AdminUsers me={me} />;
}

function AdminUsers({ me }: { me: UserView }) {
  const api = useApi();
  const users = useLoad("admin-users", () => api.admin.users({ limit: 100 }));
  const [more, setMore] = useState<UserView[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const loadMore = useAction();
  const next = cursor === undefined ? (users.data?.nextCursor ?? null) : cursor;

  const replace = (u: UserView) => {
    users.setData((d) => d && { ...d, items: d.items.map((x) => (x.id === u.id ? u : x)) });
    setMore((m) => m.map((x) => (x.id === u.id ? u : x)));
  };
  return (
    <section>
      <h1>Users</h1>
      <p className="muted">
        Everyone with an account on this gateway. Admins have no extra access to projects or teams.
      </p>
      <LoadState state={users}>
        {(page) => (
          <>
            <ul className="rows" aria-label="Accounts">
              {[...page.items, ...more].map((u) => (
                <UserRow key={u.id} user={u} me={u.id === me.id} onUser={replace} />
              ))}
            </ul>
            <ErrorNotice error={loadMore.error} />
            {next && (
              <button
                type="button"
                className="secondary"
                disabled={loadMore.pending}
                onClick={async () => {
                  const p = await loadMore.run(() => api.admin.users({ limit: 100, cursor: next }));
                  if (p) {
                    setMore((m) => [...m, ...p.items]);
                    setCursor(p.nextCursor);
                  }
                }}
              >
                Load more
              </button>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
