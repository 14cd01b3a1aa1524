/** @module Creating a grant: the scope form (checked with the gateway's schema before sending), then the enrollment URL, once. */
import type { FederationResource, GrantCreatedResponse } from "@mosaic/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Field, FormError } from "../components/Field.js";
import { ErrorNotice } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDateTime } from "../format.js";
import { useAction } from "../hooks.js";
import type { FieldErrors } from "../validation.js";
import { checkGrantForm, DEFAULT_VALUES, type GrantFormValues, RESOURCES, serverGrantErrors } from "./grantForm.js";

/** A group of resource checkboxes; its error is tied to the group (aria-describedby) and announced. */
function ResourceSet(props: {
  legend: string;
  hint: string;
  value: FederationResource[];
  onChange: (next: FederationResource[]) => void;
  error: string | undefined;
}) {
  const id = useId();
  const toggle = (r: FederationResource, on: boolean) =>
    props.onChange(
      on ? RESOURCES.filter((x) => x === r || props.value.includes(x)) : props.value.filter((x) => x !== r),
    );
  return (
    <fieldset
      className="checks"
      aria-describedby={props.error ? `${id}-error` : `${id}-hint`}
      aria-invalid={props.error ? true : undefined}
    >
      <legend>{props.legend}</legend>
      <div className="check-row">
        {RESOURCES.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={props.value.includes(r)} onChange={(e) => toggle(r, e.target.checked)} />
            {r}
          </label>
        ))}
      </div>
      {props.error ? (
        <small id={`${id}-error`} className="field-error">
          {props.error}
        </small>
      ) : (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
    </fieldset>
  );
}

/** The enrollment URL, once: the gateway stores only its hash, so this is the only time anyone sees it. */
export function EnrollmentUrl({ created, onDone }: { created: GrantCreatedResponse; onDone: () => void }) {
  const input = useRef<HTMLTextAreaElement>(null);
  const card = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const { url, expiresAt } = created.enrollment;
  // The card appears above the form just submitted (often scrolled out of view): bring it to the person.
  useEffect(() => card.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Copied to the clipboard.");
    } catch {
      input.current?.select();
      setCopied("Selected — press Ctrl+C (⌘C) to copy.");
    }
  };
  return (
    <section className="card secret" aria-labelledby="new-grant" ref={card} tabIndex={-1}>
      <h2 id="new-grant">Grant for “{created.grant.peerLabel}” created</h2>
      <p>
        <strong>You won't see this URL again.</strong> Copy it now and pass it to the other gateway's admin over a
        channel you trust. It works once, until {formatDateTime(expiresAt)} (15 minutes). On the other gateway: Peers →
        Add a peer, or <code>mosaic federation peer add '&lt;url&gt;'</code>.
      </p>
      <div className="copy-row url-row">
        <label className="sr-only" htmlFor="enrollment-url">
          Enrollment URL
        </label>
        {/* A textarea, so the whole URL is visible (and checkable by eye) at any width. */}
        <textarea
          id="enrollment-url"
          ref={input}
          readOnly
          rows={3}
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
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

export function GrantForm({ onCreated }: { onCreated: (created: GrantCreatedResponse) => void }) {
  const api = useApi();
  const create = useAction();
  const [values, setValues] = useState<GrantFormValues>(DEFAULT_VALUES);
  const [local, setLocal] = useState<FieldErrors>({});
  const set = <K extends keyof GrantFormValues>(key: K, value: GrantFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const checked = checkGrantForm(values, new Date());
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const result = await create.run(() => api.federation.grants.create(checked.body));
    if (result) {
      onCreated(result);
      setValues(DEFAULT_VALUES);
    }
  };
  const server = serverGrantErrors(create.error);
  const errors: FieldErrors = { ...server, ...local };
  const shownElsewhere = Object.keys(server).some((k) => k !== "");

  return (
    <form className="card grant-form" onSubmit={submit} noValidate aria-labelledby="create-grant">
      <h2 id="create-grant">New grant</h2>
      <p className="muted">
        Lets another gateway read, as the subject user and with that user's permissions, the resources you pick.
      </p>
      <div className="grid-2">
        <Field
          label="Subject user email"
          name="userEmail"
          type="email"
          required
          value={values.userEmail}
          onChange={(e) => set("userEmail", e.target.value)}
          hint="The peer reads as this account on this gateway."
          error={errors.userEmail}
        />
        <Field
          label="Peer label"
          name="peerLabel"
          required
          maxLength={100}
          value={values.peerLabel}
          onChange={(e) => set("peerLabel", e.target.value)}
          placeholder="e.g. laptop"
          hint="Who this grant is for; shown in lists and the audit log."
          error={errors.peerLabel}
        />
      </div>
      <ResourceSet
        legend="Resources"
        hint="What the peer may read."
        value={values.resources}
        onChange={(next) => set("resources", next)}
        error={errors["scope.resources"]}
      />
      <ResourceSet
        legend="Excluded resources"
        hint="Taken out again, even if picked above."
        value={values.excludedResources}
        onChange={(next) => set("excludedResources", next)}
        error={errors["scope.excluded_resources"]}
      />
      <fieldset className="checks">
        <legend>Projects</legend>
        <div className="check-row">
          <label className="check">
            <input
              type="checkbox"
              checked={values.includeTeams}
              onChange={(e) => set("includeTeams", e.target.checked)}
            />
            include the subject's team projects
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={values.includePersonal}
              onChange={(e) => set("includePersonal", e.target.checked)}
            />
            include the subject's personal projects
          </label>
        </div>
        <FormError message={errors["scope.include_teams"] ?? errors["scope.include_personal"]} />
      </fieldset>
      <div className="grid-2">
        <Field
          label="Max rows per query"
          name="maxRows"
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          step={1}
          required
          value={values.maxRows}
          onChange={(e) => set("maxRows", e.target.value)}
          hint="A hard cap per request, 1–10000."
          error={errors["scope.max_rows_per_query"]}
        />
        <Field
          label="Expires (optional)"
          name="expires"
          type="datetime-local"
          value={values.expires}
          onChange={(e) => set("expires", e.target.value)}
          hint="Leave empty for a grant that lasts until revoked."
          error={errors.expiresAt}
        />
      </div>
      <FormError message={errors[""] ?? errors.scope} />
      {!shownElsewhere && <ErrorNotice error={create.error} />}
      <button type="submit" disabled={create.pending}>
        {create.pending ? "Creating…" : "Create grant"}
      </button>
    </form>
  );
}
