/** @module One peer: where it is, its state and certificate expiry, the public certificates it holds, and remove. */
import { PeerName, type UserView } from "@mosaic/contracts";
import { Link } from "../components/Link.js";
import { LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDateTime } from "../format.js";
import { useLoad } from "../hooks.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";
import { navigate } from "../router.js";
import { FederationFrame } from "./FederationFrame.js";
import { certExpiry, RemovePeer } from "./PeersPage.js";

function PeerDetail({ name }: { name: string }) {
  const api = useApi();
  const peer = useLoad(`peer:${name}`, () => api.federation.peers.get(name));
  return (
    <LoadState state={peer}>
      {({ peer: p }) => {
        const expiry = certExpiry(p.certNotAfter, Date.now());
        const rows: Array<[string, string]> = [
          ["Federation URL", p.federationUrl],
          ["Enrolled with", p.enrollHost],
          ["Certificate expires", `${formatDateTime(p.certNotAfter)}`],
          ["Certificate serial", p.certSerial],
          ["CA fingerprint (SHA-256)", p.caFingerprint],
          ["Grant id (on the other gateway)", p.grantId],
          ["Reads as user id", p.subjectUserId],
          ["Added", formatDateTime(p.createdAt)],
          ["Last success", p.lastSuccessAt ? formatDateTime(p.lastSuccessAt) : "—"],
          ["Last failure", p.lastFailureAt ? formatDateTime(p.lastFailureAt) : "—"],
        ];
        return (
          <article className="card">
            <div className="page-head">
              <h2>{p.name}</h2>
              <span className={`badge peer-${p.state}`}>{p.state}</span>
              <RemovePeer peer={p} onRemoved={() => navigate("/federation/peers")} />
            </div>
            <p className={expiry.warn ? "field-error" : "muted"}>{expiry.text}</p>
            <dl className="facts">
              {rows.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            <details>
              <summary>Client certificate (public)</summary>
              <pre className="pem">{p.clientCertificatePem}</pre>
            </details>
            <details>
              <summary>The other gateway's CA certificate</summary>
              <pre className="pem">{p.caCertificatePem}</pre>
            </details>
          </article>
        );
      }}
    </LoadState>
  );
}

export function PeerDetailPage({ name, me }: { name: string; me: UserView }) {
  // A name no peer can have: no request (the gateway would answer 400).
  if (!PeerName.safeParse(name).success) return <NotFoundPage what="Peer" />;
  return (
    <FederationFrame me={me} title={`Peer ${name}`}>
      {() => (
        <>
          <p className="crumbs">
            <Link to="/federation/peers">← All peers</Link>
          </p>
          <PeerDetail name={name} />
        </>
      )}
    </FederationFrame>
  );
}
