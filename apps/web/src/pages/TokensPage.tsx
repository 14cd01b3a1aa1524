/** @module Personal access tokens: create (the secret is shown once, with a copy button), list, revoke. */
import { TokenCreateBody, type TokenView } from "@mosaic/contracts";
import { type FormEvent, useRef, useState } from "react";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { Field, FormError } from "../components/Field.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate, formatDateTime } from "../format.js";
import { useAction, useLoad, useTitle } from "../hooks.js";
import { type FieldErrors, validate } from "../validation.js";

function tokenState(t: TokenView, now: number): string {
  if (t.revokedAt) return `revoked ${formatDate(t.revokedAt)}`;
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return `expired ${formatDate(t.expiresAt)}`;
  return t.expiresAt ? `active, expires ${formatDate(t.expiresAt)}` : "active, never expires";
}

/** The secret, once. Copy uses the Clipboard API, falling back to selecting the text for Ctrl+C. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("Copied to the clipboard.");
    } catch {
      input.current?.select();
      setCopied("Selected — press Ctrl+C (⌘C) to copy.");
    }
  };
  return (
    <section className="card secret" aria-labelledby="new-token">
      <h2 id="new-token">Token “{name}” created</h2>
      <p>
        Copy it now: <strong>it is shown only once</strong>. Use it as <code>Authorization: Bearer …</code> or with{" "}
        <code>mosaic login --token</code>.
      </p>
      <div className="copy-row">
        <label className="sr-only" htmlFor="token-secret">
          The new token
        </label>
        <input id="token-secret" ref={input} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p role="status" className="muted">
        {copied}
      </p>
      <button type="button" className="secondary" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}

export function TokensPage() {
  useTitle("Tokens");
  const api = useApi();
  const tokens = useLoad("tokens", () => api.tokens.list());
  const create = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const now = Date.now();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const days = String(form.get("expiresInDays") ?? "");
    const checked = validate(TokenCreateBody, {
      name: form.get("name"),
      ...(days ? { expiresInDays: Number(days) } : {}),
    });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const result = await create.run(() => api.tokens.create(checked.value));
    if (result) {
      setCreated({ name: result.token.name, secret: result.secret });
      tokens.setData((d) => d && { items: [result.token, ...d.items] });
      formEl.reset();
    }
  };
  const errors = { ...create.fields, ...local };

  return (
    <section>
      <h1>Personal access tokens</h1>
      <p className="muted">
        Tokens let the CLI, TUI and scripts act as you. Revoke one and it stops working on its next request.
      </p>
      {created && <NewSecret {...created} onDone={() => setCreated(null)} />}
      <form className="card create inline-form" onSubmit={submit} noValidate aria-labelledby="create-token">
        <h2 id="create-token">New token</h2>
        <Field
          label="Token name"
          name="name"
          required
          maxLength={100}
          placeholder="e.g. laptop CLI"
          error={errors.name}
        />
        <div className="field">
          <label htmlFor="token-expiry">Expires</label>
          <select id="token-expiry" name="expiresInDays" defaultValue="90">
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never (revoke it instead)</option>
          </select>
        </div>
        <FormError message={errors[""] ?? errors.expiresInDays} />
        {!Object.keys(create.fields).length && <ErrorNotice error={create.error} />}
        <button type="submit" disabled={create.pending}>
          {create.pending ? "Creating…" : "Create token"}
        </button>
      </form>
      <LoadState state={tokens}>
        {({ items }) =>
          items.length ? (
            <ul className="rows" aria-label="Your tokens">
              {items.map((t) => (
                <li key={t.id} className={t.revokedAt ? "revoked" : undefined}>
                  <div className="row-main">
                    <span className="row-title">{t.name}</span>
                    <span className="muted">
                      <code>{t.prefix}…</code> · created {formatDate(t.createdAt)} ·{" "}
                      {t.lastUsedAt ? `last used ${formatDateTime(t.lastUsedAt)}` : "never used"}
                    </span>
                  </div>
                  <div className="row-meta">
                    <span className="badge">{tokenState(t, now)}</span>
                    {!t.revokedAt && (
                      <ConfirmButton
                        label="Revoke"
                        title={`Revoke “${t.name}”?`}
                        danger
                        onConfirm={async () => {
                          await api.tokens.revoke(t.id);
                          tokens.reload();
                        }}
                      >
                        <p>Anything using this token is rejected from its next request on.</p>
                      </ConfirmButton>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No tokens yet.</Empty>
          )
        }
      </LoadState>
    </section>
  );
}
