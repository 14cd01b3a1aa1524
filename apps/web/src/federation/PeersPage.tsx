/** @module Federation → Peers (on B): the gateways this one enrolled with, adding one from an enrollment URL, removing one. */
import { PeerAddBody, type PeerView, type UserView } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { Field, FormError } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useAction, useLoad } from "../hooks.js";
import { type FieldErrors, validate } from "../validation.js";
import { FederationFrame } from "./FederationFrame.js";

const DAY = 86_400_000;

/** "expires 3 Apr 2026 (in 12 days)", or a warning once it is close or past. */
export function certExpiry(notAfter: string, now: number): { text: string; warn: boolean } {
  const ms = Date.parse(notAfter) - now;
  if (ms <= 0) return { text: `certificate expired ${formatDate(notAfter)}`, warn: true };
  // Rounded up: a 30-day certificate issued a minute ago reads "in 30 days", and the last day "in 1 day".
  const days = Math.ceil(ms / DAY);
  return {
    text: `certificate expires ${formatDate(notAfter)} (in ${days} day${days === 1 ? "" : "s"})`,
    warn: days <= 7,
  };
}

export function RemovePeer({ peer, onRemoved }: { peer: PeerView; onRemoved: () => void }) {
  const api = useApi();
  return (
    <ConfirmButton
      label="Remove"
      title={`Remove the peer “${peer.name}”?`}
      confirmLabel="Remove peer"
      danger
      onConfirm={async () => {
        await api.federation.peers.remove(peer.name);
        onRemoved();
      }}
    >
      <p>
        This gateway forgets the peer, its certificate and its key. The grant on the other gateway stays until its admin
        revokes it — ask them to.
      </p>
    </ConfirmButton>
  );
}

function AddPeer({ onAdded }: { onAdded: (p: PeerView) => void }) {
  const api = useApi();
  const add = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const name = String(form.get("name") ?? "").trim();
    const checked = validate(PeerAddBody, {
      enrollmentUrl: String(form.get("enrollmentUrl") ?? "").trim(),
      ...(name ? { name } : {}),
    });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const result = await add.run(() => api.federation.peers.add(checked.value));
    if (result) {
      onAdded(result.peer);
      formEl.reset();
    }
  };
  const errors = { ...add.fields, ...local };
  return (
    <form className="card inline-form" onSubmit={submit} noValidate aria-labelledby="add-peer">
      <h2 id="add-peer">Add a peer</h2>
      <p className="muted">
        Paste the enrollment URL another gateway's admin gave you. This gateway checks that gateway's CA fingerprint
        (the <code>#sha256=</code> part) before it sends anything.
      </p>
      <Field
        label="Enrollment URL"
        name="enrollmentUrl"
        required
        placeholder="https://host:4244/enroll/…#sha256=…"
        error={errors.enrollmentUrl}
        autoComplete="off"
        spellCheck={false}
      />
      <Field
        label="Name (optional)"
        name="name"
        maxLength={63}
        placeholder="e.g. home"
        hint="Lowercase letters, digits, hyphens. Defaults to the host's name."
        error={errors.name}
      />
      <FormError message={errors[""]} />
      {/* Always shown: enrollment failures explain themselves (fingerprint mismatch, 410, unreachable). */}
      <ErrorNotice error={add.error} />
      <button type="submit" disabled={add.pending}>
        {add.pending ? "Enrolling…" : "Add peer"}
      </button>
    </form>
  );
}

export function PeersPage({ me }: { me: UserView }) {
  const api = useApi();
  const peers = useLoad("peers", () => api.federation.peers.list());
  const now = Date.now();
  return (
    <FederationFrame me={me} title="Federation peers">
      {(s) => (
        <>
          <p className="muted">Gateways this one enrolled with, and may read from within what each granted.</p>
          {s.enabled && <AddPeer onAdded={(p) => peers.setData((d) => d && { items: [p, ...d.items] })} />}
          <h2>Peers</h2>
          <LoadState state={peers}>
            {({ items }) =>
              items.length ? (
                <ul className="rows" aria-label="Peers">
                  {items.map((p) => {
                    const expiry = certExpiry(p.certNotAfter, now);
                    return (
                      <li key={p.id}>
                        <div className="row-main">
                          <Link to={`/federation/peers/${p.name}`} className="row-title">
                            {p.name}
                          </Link>
                          <span className="muted">{p.federationUrl}</span>
                          <span className={expiry.warn ? "field-error" : "muted"}>{expiry.text}</span>
                        </div>
                        <div className="row-meta">
                          <span className={`badge peer-${p.state}`}>{p.state}</span>
                          <RemovePeer peer={p} onRemoved={peers.reload} />
                        </div>
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <Empty>No peers yet. Add one with an enrollment URL from another gateway.</Empty>
              )
            }
          </LoadState>
        </>
      )}
    </FederationFrame>
  );
}
