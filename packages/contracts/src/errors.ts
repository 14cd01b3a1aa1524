/** @module The one table of error codes, their HTTP statuses, the error envelope and the domain error class. */
import { z } from "zod";

/**
 * Every error code Mosaic puts on the wire, with the HTTP status the gateway answers with.
 * Stable: clients (CLI, web, peers) switch on the code, never on the message.
 * Documented in docs/ERRORS.md — keep the two in step.
 */
export const errorStatus = {
  validation_error: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export function httpStatusOf(code: ErrorCode): number {
  return errorStatus[code];
}

/** A problem with one field of the input: `path` is the dotted path to it (e.g. `scope.resources.0`). */
export const ErrorDetail = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.array(ErrorDetail).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

// Marks every MosaicError, so one thrown by another copy of this module (the bundled gateway,
// started from the CLI) is still recognised.
const MOSAIC_ERROR = Symbol.for("mosaic.MosaicError");

/**
 * The one domain error class. Services throw it with a code; the gateway maps the code to an
 * HTTP status in one place and the CLI maps it to a message and an exit code.
 */
export class MosaicError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = "MosaicError";
    this.code = code;
    this.details = details;
    Object.defineProperty(this, MOSAIC_ERROR, { value: true });
  }

  get status(): number {
    return httpStatusOf(this.code);
  }
}

export const notFound = (what: string) => new MosaicError("not_found", `${what} not found`);
export const unauthenticated = (message: string) => new MosaicError("unauthenticated", message);
export const forbidden = (message: string) => new MosaicError("forbidden", message);
export const conflict = (message: string, details?: ErrorDetail[]) => new MosaicError("conflict", message, details);
export const invalid = (message: string, details?: ErrorDetail[]) =>
  new MosaicError("validation_error", message, details);

export function isMosaicError(err: unknown): err is MosaicError {
  return (
    err instanceof MosaicError || (err instanceof Error && (err as { [MOSAIC_ERROR]?: true })[MOSAIC_ERROR] === true)
  );
}
