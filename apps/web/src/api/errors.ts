/** @module Turns gateway failures (the error envelope, odd bodies, no connection) into one readable ApiError. */
import { type ErrorCode, type ErrorDetail, ErrorEnvelope } from "@mosaic/contracts";

/** `network`: no HTTP answer at all; `bad_response`: an answer that is not what the contract says. */
export type ApiErrorCode = ErrorCode | "network" | "bad_response";

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when the gateway could not be reached. */
  readonly status: number;
  /** Field name (as in the form, e.g. `password`) → what is wrong with it. `""` holds form-wide problems. */
  readonly fields: Readonly<Record<string, string>>;
  readonly requestId: string | undefined;
  /** Every problem the server listed, in its order (an import's `line.N` report needs them all). */
  readonly details: readonly ErrorDetail[];

  constructor(
    code: ApiErrorCode,
    status: number,
    message: string,
    fields: Record<string, string> = {},
    requestId?: string,
    details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.fields = fields;
    this.requestId = requestId;
    this.details = details;
  }

  /** True when the gateway is down or restarting: worth retrying rather than showing as the user's fault. */
  get unreachable(): boolean {
    return this.code === "network" || this.status === 502 || this.status === 504;
  }
}

// The server names fields by where they were (`body.password`, `query.limit`); forms know them by name.
const LOCATIONS = new Set(["body", "query", "params", "querystring"]);

/** `body.owner.teamId` → `owner.teamId`; `body` alone (e.g. an unknown key) → `""` (the whole form). */
export function fieldOf(path: string): string {
  const parts = path.split(".");
  if (parts[0] && LOCATIONS.has(parts[0])) parts.shift();
  return parts.join(".");
}

function fieldsOf(details: ErrorDetail[] | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const d of details ?? []) {
    const key = fieldOf(d.path);
    // The first problem per field is the one to fix first; later ones are usually consequences.
    fields[key] ??= d.message;
  }
  return fields;
}

/** What a person should read for each code when the server's own message needs context. */
function messageFor(code: ApiErrorCode, serverMessage: string, requestId: string | undefined): string {
  switch (code) {
    case "validation_error":
      return serverMessage.startsWith("invalid ")
        ? "Some fields need fixing — see the messages below them."
        : serverMessage;
    case "internal":
      return `The gateway hit an internal error${requestId ? ` (request id ${requestId})` : ""}. Try again; if it persists, quote the request id in a report.`;
    case "service_unavailable":
      return `The gateway is up but a service it needs is not: ${serverMessage}`;
    case "rate_limited":
      return "Too many requests — wait a moment and try again.";
    case "payload_too_large":
      return "That is too large to send (the limit is 1 MiB).";
    default:
      return serverMessage.charAt(0).toUpperCase() + serverMessage.slice(1);
  }
}

/** Maps a non-2xx answer to an ApiError. `body` is the parsed JSON, or undefined when it was not JSON. */
export function toApiError(status: number, body: unknown, requestIdHeader?: string | null): ApiError {
  const parsed = ErrorEnvelope.safeParse(body);
  if (parsed.success) {
    const { code, message, details, requestId } = parsed.data.error;
    const id = requestId ?? requestIdHeader ?? undefined;
    return new ApiError(code, status, messageFor(code, message, id), fieldsOf(details), id, details ?? []);
  }
  // A proxy in front of a gateway that is down or restarting answers 502/504 with its own page.
  if (status === 502 || status === 504) return unreachableError(status);
  return new ApiError(
    "bad_response",
    status,
    `The gateway answered ${status} without an error description — is this URL a Mosaic gateway?`,
    {},
    requestIdHeader ?? undefined,
  );
}

export function unreachableError(status = 0): ApiError {
  return new ApiError("network", status, "Can't reach the gateway — it may be restarting. Retrying…");
}

/** A readable message for anything thrown while talking to the gateway. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
