/** @module The gateway: buildApp() for tests and embedding, startGateway() for the process. */
export { type AuthMode, type BuildAppOptions, buildApp, type GatewayDeps, type RouteEntry } from "./app.js";
export {
  buildFederationApp,
  type FederationAppOptions,
  type FederationListener,
} from "./federation/federationListener.js";
export { type RunningGateway, startGateway, stopOnSignals } from "./start.js";
export { createTracing, type Tracing, tracingWith } from "./telemetry.js";
