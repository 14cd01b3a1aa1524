/** @module The grant form's logic: form values → a GrantCreateBody checked with the gateway's own schema, and errors per field. */
import { FEDERATION_RESOURCES, type FederationResource, GrantCreateBody } from "@mosaic/contracts";
import { ApiError } from "../api/errors.js";
import { type FieldErrors, validate } from "../validation.js";

export const RESOURCES: readonly FederationResource[] = FEDERATION_RESOURCES;

export interface GrantFormValues {
  userEmail: string;
  peerLabel: string;
  resources: FederationResource[];
  excludedResources: FederationResource[];
  includeTeams: boolean;
  includePersonal: boolean;
  /** As typed: the number input's text. */
  maxRows: string;
  /** A `datetime-local` value (the browser's time zone), or "" for no expiry. */
  expires: string;
}

export const DEFAULT_VALUES: GrantFormValues = {
  userEmail: "",
  peerLabel: "",
  resources: [],
  excludedResources: [],
  includeTeams: true,
  includePersonal: true,
  maxRows: "500",
  expires: "",
};

/** The list fields' errors land on the list, not on one entry: `scope.resources.0` → `scope.resources`. */
export function formField(path: string): string {
  return path.replace(/(\.\d+)+$/, "");
}

function byFormField(fields: Readonly<Record<string, string>>): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(fields)) out[formField(key)] ??= message;
  return out;
}

/**
 * Checks the values with the same schema the gateway uses (plus "expiry in the future", which the
 * gateway checks too), so most mistakes are caught before a request.
 */
export function checkGrantForm(
  values: GrantFormValues,
  now: Date,
): { ok: true; body: GrantCreateBody } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  let expiresAt: string | undefined;
  if (values.expires) {
    const at = new Date(values.expires);
    if (Number.isNaN(at.getTime())) fields.expiresAt = "Not a valid date and time.";
    else if (at <= now) fields.expiresAt = "Must be in the future.";
    else expiresAt = at.toISOString();
  }
  const maxRows = values.maxRows.trim();
  const checked = validate(GrantCreateBody, {
    userEmail: values.userEmail.trim(),
    peerLabel: values.peerLabel,
    scope: {
      resources: values.resources,
      excluded_resources: values.excludedResources,
      include_teams: values.includeTeams,
      include_personal: values.includePersonal,
      max_rows_per_query: maxRows === "" ? undefined : Number(maxRows),
    },
    ...(expiresAt ? { expiresAt } : {}),
  });
  if (checked.ok && !Object.keys(fields).length) return { ok: true, body: checked.value };
  const schemaFields = checked.ok ? {} : byFormField(checked.fields);
  if (schemaFields["scope.resources"] === "Must be at least 1.") {
    schemaFields["scope.resources"] = "Pick at least one resource.";
  }
  return { ok: false, fields: { ...schemaFields, ...fields } };
}

/** The gateway's answer to a failed create, per form field (an unknown subject email is a 404 on `userEmail`). */
export function serverGrantErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  if (error.code === "not_found") return { userEmail: "No account on this gateway has this email." };
  return byFormField(error.fields);
}
