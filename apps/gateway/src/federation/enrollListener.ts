/**
 * @module The enrollment listener (federation.enrollPort, 4244): HTTPS with the federation server
 * certificate, no client certificate. One route, `POST /enroll/:token`, rate limited per source
 * address; every request, whatever happens to it, is an audit row.
 */

import { createRateLimiter } from "@mosaic/auth";
import { EnrollRequest, EnrollResponse, invalid, MosaicError } from "@mosaic/contracts";
import type { EnrollmentService, FederationCa } from "@mosaic/federation";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { DestinationStream } from "pino";
import { z } from "zod";
import { registerErrorHandling } from "../errorHandler.js";
import { loggerOptions } from "../logger.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set once the request's audit row is written, so the fallback in onResponse writes none. */
    enrollAudited: boolean;
  }
}

export interface EnrollmentAppOptions {
  enrollment: EnrollmentService;
  ca: FederationCa;
  rateLimitPerMinute: number;
  now: () => Date;
  logLevel: string;
  /** false silences logs (tests); else pino to stdout or `logStream`. */
  logger?: boolean;
  logStream?: DestinationStream;
}

const TokenParams = z.strictObject({ token: z.string().min(1).max(256) });

/** Builds (does not listen) the enrollment app over TLS with A's server certificate and its CA. */
export async function buildEnrollmentApp(options: EnrollmentAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    https: {
      key: options.ca.serverKeyPem,
      // The chain includes the CA so a peer can pin it by the URL's fingerprint (enrollClient.ts).
      cert: `${options.ca.serverCertPem.trim()}\n${options.ca.caCertPem.trim()}\n`,
      minVersion: "TLSv1.2",
    },
    logger:
      options.logger === false
        ? false
        : { ...loggerOptions(options.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 32 * 1024,
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("enrollAudited", false);
  registerErrorHandling(app);
  const limiter = createRateLimiter({ limit: options.rateLimitPerMinute, windowMs: 60_000, now: options.now });
  const who = (request: { ip: string; id: string }) => ({ source: request.ip, requestId: String(request.id) });

  // Before the body is read: a flood costs us neither parsing nor a database transaction.
  app.addHook("onRequest", async (request, reply) => {
    const decision = limiter.take(request.ip);
    if (decision.ok) return;
    request.enrollAudited = true;
    await options.enrollment.recordRefusal(who(request), "rate_limited", "per-address limit");
    reply.header("retry-after", String(decision.retryAfterSeconds));
    throw new MosaicError("rate_limited", `too many enrollment attempts; retry in ${decision.retryAfterSeconds} s`);
  });

  // Malformed bodies, wrong paths and methods never reach the handler: audit them here.
  app.addHook("onResponse", async (request, reply) => {
    if (request.enrollAudited) return;
    await options.enrollment
      .recordRefusal(who(request), "invalid", `${request.method} answered ${reply.statusCode}`)
      .catch((err: unknown) => request.log.error({ err }, "could not write the enrollment audit row"));
  });

  app.post(
    "/enroll/:token",
    { config: { auth: "public" }, schema: { params: TokenParams, response: { 200: EnrollResponse } } },
    async (request) => {
      request.enrollAudited = true;
      const body = EnrollRequest.safeParse(request.body);
      if (!body.success) {
        await options.enrollment.recordRefusal(who(request), "invalid", "body is not { csr }");
        throw invalid("the body must be { csr: <PEM CSR> }", [{ path: "body.csr", message: "required" }]);
      }
      return options.enrollment.redeem({ token: request.params.token, csrPem: body.data.csr, ...who(request) });
    },
  );
  return app;
}
