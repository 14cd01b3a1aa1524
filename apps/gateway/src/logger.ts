/** @module pino options for the gateway: JSON lines, request ids, and no credential ever written. */
import { redactDeep, redactEnrollmentTokens, redactSecrets } from "@mosaic/contracts";
import type { LoggerOptions } from "pino";

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: "mosaic-gateway" },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-trace-task-capability"]',
        'res.headers["set-cookie"]',
        "*.password",
        "*.token",
        "*.secret",
      ],
      censor: "***",
    },
    hooks: {
      // Messages are free text and may carry a connection string from an error: scrub them.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? redactEnrollmentTokens(redactSecrets(a)) : a)) as Parameters<
            typeof method
          >,
        );
      },
    },
    formatters: {
      log(object) {
        return redactDeep(object, 4);
      },
    },
    serializers: {
      // Fastify's request line, minus the enrollment token that `/enroll/<token>` carries in its path.
      req(req: { method?: string; url?: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) {
        return {
          method: req.method,
          url: redactEnrollmentTokens(redactSecrets(req.url ?? "")),
          host: req.hostname,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        };
      },
      err(err: Error & { code?: string }) {
        return {
          type: err.name,
          message: redactEnrollmentTokens(redactSecrets(err.message)),
          code: err.code,
          stack: err.stack ? redactSecrets(err.stack) : undefined,
        };
      },
    },
  };
}
