/** @module The federation pages by path (admins only; each page shows the 403 state to members itself). */
import type { PageRoute } from "../routes.js";
import { AuditPage } from "./AuditPage.js";
import { GrantDetailPage } from "./GrantDetailPage.js";
import { GrantsPage } from "./GrantsPage.js";
import { PeerDetailPage } from "./PeerDetailPage.js";
import { PeersPage } from "./PeersPage.js";

export const federationRoutes: readonly PageRoute[] = [
  { path: "/federation", render: (_p, user) => <GrantsPage me={user} /> },
  { path: "/federation/grants/:id", render: (p, user) => <GrantDetailPage key={p.id} id={p.id ?? ""} me={user} /> },
  { path: "/federation/peers", render: (_p, user) => <PeersPage me={user} /> },
  {
    path: "/federation/peers/:name",
    render: (p, user) => <PeerDetailPage key={p.name} name={p.name ?? ""} me={user} />,
  },
  { path: "/federation/audit", render: (_p, user) => <AuditPage me={user} /> },
];
