/** @module The grant status machine: pending → active → revoked | expired, and pending → revoked | expired. */
import { conflict, type GrantStatus } from "@mosaic/contracts";

/** Every legal move. Revoked and expired are final: a new grant is made instead. */
export const GRANT_TRANSITIONS: Readonly<Record<GrantStatus, readonly GrantStatus[]>> = {
  pending: ["active", "revoked", "expired"],
  active: ["revoked", "expired"],
  revoked: [],
  expired: [],
};

/** The states a grant may be in to move to `to`. */
export function statesLeadingTo(to: GrantStatus): GrantStatus[] {
  return (Object.keys(GRANT_TRANSITIONS) as GrantStatus[]).filter((from) => GRANT_TRANSITIONS[from].includes(to));
}

/** The 409 for an illegal move, naming both states (message and details) so clients can show them. */
export function illegalTransition(id: string, from: GrantStatus, to: GrantStatus) {
  return conflict(`grant ${id} is ${from}: it cannot go from ${from} to ${to}`, [
    { path: "status", message: `illegal transition from ${from} to ${to}` },
  ]);
}
