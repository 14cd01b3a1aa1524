/** @module The signed-in pages by path. New features (missions, notes, memory…) add their routes here. */
import type { UserView } from "@mosaic/contracts";
import type { ReactNode } from "react";
import { brainRoutes } from "./brainRoutes.js";
import { federationRoutes } from "./federation/routes.js";
import { AdminUsersPage } from "./pages/AdminUsersPage.js";
import { ProjectPage } from "./pages/ProjectPage.js";
import { ProjectsPage } from "./pages/ProjectsPage.js";
import { TeamPage } from "./pages/TeamPage.js";
import { TeamsPage } from "./pages/TeamsPage.js";
import { TokensPage } from "./pages/TokensPage.js";
import type { Params } from "./router.js";
import { MissionPage } from "./work/MissionPage.js";

export interface PageRoute {
  path: string;
  render: (params: Params, user: UserView) => ReactNode;
}

export const pageRoutes: readonly PageRoute[] = [
  { path: "/projects", render: () => <ProjectsPage /> },
  { path: "/projects/:id", render: (p) => <ProjectPage key={p.id} id={p.id ?? ""} /> },
  { path: "/missions/:id", render: (p) => <MissionPage key={p.id} id={p.id ?? ""} /> },
  { path: "/teams", render: () => <TeamsPage /> },
  { path: "/teams/:id", render: (p, user) => <TeamPage key={p.id} id={p.id ?? ""} user={user} /> },
  { path: "/settings/tokens", render: () => <TokensPage /> },
  { path: "/admin/users", render: (_p, user) => <AdminUsersPage me={user} /> },
  ...brainRoutes,
  ...federationRoutes,
];

/** Paths that only make sense signed out; after signing in they go to the home page. */
export const AUTH_PATHS = new Set(["/sign-in", "/sign-up"]);
export const HOME = "/projects";
