/** @module What every page reaches for: the typed API, the connection state and the live-update hub. */
import { createContext, useContext, useSyncExternalStore } from "react";
import type { Connection, ConnectionState } from "./api/connection.js";
import type { Api } from "./api/endpoints.js";
import type { LiveHub } from "./api/live.js";

export interface AppServices {
  api: Api;
  connection: Connection;
  live: LiveHub;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices() outside <ServicesContext.Provider>");
  return services;
}

export function useApi(): Api {
  return useServices().api;
}

export function useConnection(): ConnectionState {
  const { connection } = useServices();
  return useSyncExternalStore(connection.subscribe, connection.get);
}
