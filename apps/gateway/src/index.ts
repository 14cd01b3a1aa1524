/**
 * @module The gateway: buildApp() for tests and embedding, startGateway() for the process. The
 * federation data plane is `@mosaic/gateway/federation`, so loading this never loads the PKI.
 */
export { type AuthMode, type BuildAppOptions, buildApp, type GatewayDeps, type RouteEntry } from "./app.js";
export { type RunningGateway, startGateway, stopOnSignals } from "./start.js";
export { createTracing, type Tracing, tracingWith } from "./telemetry.js";
