/** @module Wire shapes of /health, /ready and `mosaic gateway doctor --json`. */
import { z } from "zod";

export const Tier = z.enum(["local", "standalone", "federated"]);
export type Tier = z.infer<typeof Tier>;

export const ServiceName = z.enum(["config", "pglite", "postgres", "pgvector", "valkey"]);
export type ServiceName = z.infer<typeof ServiceName>;

export const ServiceStatus = z.enum(["ok", "warn", "fail"]);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

export const ServiceCheck = z.object({
  service: ServiceName,
  required: z.boolean(),
  status: ServiceStatus,
  latencyMs: z.number().nullable(),
  /** Where the service is, credentials redacted (`postgres://***@127.0.0.1:5432/mosaic`). */
  target: z.string().nullable(),
  detail: z.string(),
  /** What to do about a `warn` or `fail`; null when ok. */
  fix: z.string().nullable(),
});
export type ServiceCheck = z.infer<typeof ServiceCheck>;

export const Overall = z.enum(["green", "yellow", "red"]);
export type Overall = z.infer<typeof Overall>;

export const DoctorReport = z.object({
  tier: Tier,
  overall: Overall,
  pgvector: z.boolean(),
  services: z.array(ServiceCheck),
  warnings: z.array(z.string()),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

export const HealthResponse = z.object({ status: z.literal("ok") });

export const ReadyResponse = z.object({
  status: z.enum(["ready", "unavailable"]),
  tier: Tier,
  services: z.array(ServiceCheck),
});
export type ReadyResponse = z.infer<typeof ReadyResponse>;

/** green: every check ok; yellow: none failed but some warn; red: any failed. */
export function overallOf(checks: readonly ServiceCheck[]): Overall {
  if (checks.some((c) => c.status === "fail")) return "red";
  if (checks.some((c) => c.status === "warn")) return "yellow";
  return "green";
}
