/** @module The one error handler: domain codes and validation failures → the error envelope. */
import {
  type ErrorCode,
  type ErrorDetail,
  type ErrorEnvelope,
  httpStatusOf,
  isMosaicError,
  MosaicError,
  redactSecrets,
} from "@mosaic/contracts";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { credentialRefusal } from "./authHook.js";

function envelope(code: ErrorCode, message: string, requestId: string, details?: ErrorDetail[]): ErrorEnvelope {
  return { error: { code, message, ...(details?.length ? { details } : {}), requestId } };
}

/**
 * A MosaicError with a machine-readable `reason` (the federation listener's denials: see
 * FederationErrorEnvelope). The reason joins the envelope; nothing else about it differs.
 */
export class ReasonedError extends MosaicError {
  readonly reason: string;
  constructor(code: ErrorCode, message: string, reason: string) {
    super(code, message);
    this.reason = reason;
  }
}

/** Fastify's own error codes that are the client's fault, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "validation_error",
  FST_ERR_CTP_EMPTY_JSON_BODY: "validation_error",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "validation_error",
  FST_ERR_VALIDATION: "validation_error",
};

/** Answers an unmatched request itself (e.g. the dashboard's deep links) by returning true. */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function registerErrorHandling(app: FastifyInstance, fallback?: NotFoundFallback): void {
  app.setErrorHandler(async (thrown: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // A speculative read's credential refusal answers instead of whatever else went wrong.
    const err = ((await credentialRefusal(request)) as FastifyError | null) ?? thrown;
    const requestId = String(request.id);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: [err.validationContext, ...v.instancePath.split("/").filter(Boolean)].filter(Boolean).join("."),
        message: v.message ?? "invalid",
      }));
      return reply
        .status(400)
        .send(envelope("validation_error", `invalid ${err.validationContext ?? "input"}`, requestId, details));
    }
    if (isMosaicError(err)) {
      if (err.status >= 500) request.log.error({ err }, "request failed");
      const body = envelope(err.code, err.message, requestId, err.details);
      if (err instanceof ReasonedError) Object.assign(body.error, { reason: err.reason });
      return reply.status(err.status).send(body);
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) {
      return reply.status(httpStatusOf(mapped)).send(envelope(mapped, redactSecrets(err.message), requestId));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code: ErrorCode =
        err.statusCode === 404 ? "not_found" : err.statusCode === 429 ? "rate_limited" : "validation_error";
      return reply.status(err.statusCode).send(envelope(code, redactSecrets(err.message), requestId));
    }
    // Unknown: hide it. The details go to the log, the client gets the request id to quote.
    request.log.error({ err }, "unhandled error");
    return reply
      .status(500)
      .send(envelope("internal", "internal error — quote the request id when reporting it", requestId));
  });

  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply)) return;
    reply
      .status(404)
      .send(envelope("not_found", `no route ${request.method} ${request.url.split("?")[0]}`, String(request.id)));
  });
}
