/** @module The frame of every federation page: admins only (a clear 403 state otherwise), the on/off status, and the section tabs. */
import type { FederationStatusResponse, UserView } from "@mosaic/contracts";
import type { ReactNode } from "react";
import { Link } from "../components/Link.js";
import { LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { useLoad, useTitle } from "../hooks.js";
import { usePathname } from "../router.js";

const TABS = [
  {
    to: "/federation",
    label: "Grants",
    owns: (p: string) => p === "/federation" || p.startsWith("/federation/grants"),
  },
  { to: "/federation/peers", label: "Peers", owns: (p: string) => p.startsWith("/federation/peers") },
  { to: "/federation/audit", label: "Audit log", owns: (p: string) => p.startsWith("/federation/audit") },
];

function Tabs() {
  const path = usePathname();
  return (
    <nav className="tabs" aria-label="Federation">
      {TABS.map((t) => (
        <Link key={t.to} to={t.to} aria-current={t.owns(path) ? "page" : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** Shown to members at a federation URL: the gateway would answer 403, so no request is made. */
export function AdminsOnly({ me }: { me: UserView }) {
  useTitle("Federation");
  return (
    <section className="forbidden">
      <h1>Federation</h1>
      <div className="notice error" role="alert">
        <p>
          <strong>403 — admins only.</strong> Grants, peers and the federation audit log are managed by this gateway's
          admins. You are signed in as {me.email}, a {me.role}.
        </p>
        <p>Ask an admin if you need access to another gateway's data.</p>
      </div>
    </section>
  );
}

/** What an admin reads when federation is off: nothing can be granted or enrolled until it is switched on. */
export function FederationOff() {
  return (
    <div className="notice" role="status">
      <p>
        <strong>Federation is off on this gateway.</strong> Lists show what exists, but grants can't be created and
        peers can't be added.
      </p>
      <p>
        To switch it on, start the gateway with <code>MOSAIC_FEDERATION=1</code> (or set{" "}
        <code>"federation": {'{ "enabled": true }'}</code> in <code>mosaic.config.json</code>), set{" "}
        <code>MOSAIC_FEDERATION_HOST</code> to the name peers reach it by, and restart it. See{" "}
        <code>docs/federation/SETUP.md</code>.
      </p>
    </div>
  );
}

export function FederationFrame({
  me,
  title,
  children,
}: {
  me: UserView;
  title: string;
  children: (status: FederationStatusResponse) => ReactNode;
}) {
  useTitle(title);
  if (me.role !== "admin") return <AdminsOnly me={me} />;
  return (
    <section>
      <h1>Federation</h1>
      <Tabs />
      <AdminFrame>{children}</AdminFrame>
    </section>
  );
}

function AdminFrame({ children }: { children: (status: FederationStatusResponse) => ReactNode }) {
  const api = useApi();
  const status = useLoad("federation-status", () => api.federation.status());
  return (
    <LoadState state={status}>
      {(s) => (
        <>
          {!s.enabled && <FederationOff />}
          {children(s)}
        </>
      )}
    </LoadState>
  );
}
