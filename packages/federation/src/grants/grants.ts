/**
 * @module The grants service (A): create a grant with its single-use enrollment URL, list, show,
 * revoke and expire, with only the legal status transitions. Admin-only at the routes.
 */
import {
  FederationScope,
  type GrantCreateBody,
  type GrantStatus,
  type GrantView,
  invalid,
  notFound,
} from "@mosaic/contracts";
import type { AuditInsert, FederationGrantsRepository, GrantRow, Page, UsersRepository } from "@mosaic/db";
import { formatEnrollmentUrl, hashEnrollmentToken, newEnrollmentToken } from "../enrollment/enrollmentUrl.js";
import { presentGrant } from "../presenters.js";
import { illegalTransition, statesLeadingTo } from "./grantTransitions.js";

/** An enrollment URL works for 15 minutes. */
export const ENROLLMENT_TTL_MS = 15 * 60 * 1000;

export interface GrantServiceDeps {
  grants: FederationGrantsRepository;
  users: UsersRepository;
  /** Where peers reach the enrollment listener, and A's CA fingerprint for the URL. */
  enrollment: () => Promise<{ host: string; port: number; fingerprint: string }>;
  now: () => Date;
}

export interface GrantCreated {
  grant: GrantView;
  enrollment: { url: string; expiresAt: string };
}

export function createGrantService(deps: GrantServiceDeps) {
  const audit =
    (action: string, actorId: string | null, details: Record<string, unknown> = {}) =>
    (grant: GrantRow): AuditInsert => ({
      at: deps.now(),
      grantId: grant.id,
      source: actorId ? `admin:${actorId}` : "system",
      action,
      outcome: "success",
      details: { peerLabel: grant.peerLabel, ...details },
    });

  async function show(id: string): Promise<GrantView> {
    const row = await deps.grants.find(id);
    if (!row) throw notFound("grant");
    return presentGrant(row);
  }

  /** Moves a grant to `to` or explains why not: 404 for an unknown id, 409 naming from and to. */
  async function move(id: string, to: GrantStatus, actorId: string | null): Promise<GrantView> {
    const moved = await deps.grants.transition({
      id,
      from: statesLeadingTo(to),
      to,
      at: deps.now(),
      audit: audit(`grant.${to === "revoked" ? "revoke" : "expire"}`, actorId),
    });
    if (moved) return show(id);
    const current = await deps.grants.find(id);
    if (!current) throw notFound("grant");
    throw illegalTransition(id, current.status, to);
  }

  return {
    /**
     * Creates a pending grant for the user with `userEmail` and returns the enrollment URL (shown
     * once: only the token's hash is stored). The scope is parsed again here, so a caller that
     * skipped the route's validation still can't store an invalid one.
     */
    async create(actor: { userId: string }, body: GrantCreateBody): Promise<GrantCreated> {
      const scope = FederationScope.parse(body.scope);
      const subject = await deps.users.findByEmail(body.userEmail);
      if (!subject) throw notFound(`user ${body.userEmail}`);
      const now = deps.now();
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
      if (expiresAt && expiresAt <= now) {
        throw invalid("the grant's expiry must be in the future", [{ path: "body.expiresAt", message: "in the past" }]);
      }
      const target = await deps.enrollment();
      const token = newEnrollmentToken();
      const tokenExpiresAt = new Date(now.getTime() + ENROLLMENT_TTL_MS);
      const row = await deps.grants.createWithToken({
        grant: { subjectUserId: subject.id, peerLabel: body.peerLabel, scope, expiresAt, createdBy: actor.userId },
        tokenHash: hashEnrollmentToken(token),
        tokenExpiresAt,
        audit: audit("grant.create", actor.userId, { subjectUserId: subject.id, scope }),
      });
      return {
        grant: await show(row.id),
        enrollment: {
          url: formatEnrollmentUrl({ host: target.host, port: target.port, token, fingerprint: target.fingerprint }),
          expiresAt: tokenExpiresAt.toISOString(),
        },
      };
    },

    async list(query: { status?: GrantStatus | undefined; cursor?: string | undefined; limit: number }) {
      const page = await deps.grants.list({ status: query.status }, query);
      return { items: page.items.map(presentGrant), nextCursor: page.nextCursor } satisfies Page<GrantView>;
    },

    show,

    revoke: (actor: { userId: string }, id: string) => move(id, "revoked", actor.userId),

    /** Marks one grant expired (legal from pending or active only). */
    expire: (id: string) => move(id, "expired", null),

    /** Expires every pending or active grant whose `expires_at` has passed; returns how many. */
    async expireDue(): Promise<number> {
      let count = 0;
      for (const grant of await deps.grants.listDue(deps.now())) {
        const moved = await deps.grants.transition({
          id: grant.id,
          from: statesLeadingTo("expired"),
          to: "expired",
          at: deps.now(),
          audit: audit("grant.expire", null),
        });
        if (moved) count += 1;
      }
      return count;
    },
  };
}

export type GrantService = ReturnType<typeof createGrantService>;
