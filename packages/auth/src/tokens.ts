/** @module Personal access tokens: `mos_<base64url 32 bytes>`, shown once, stored as SHA-256, revocable. */
import { createHash, randomBytes } from "node:crypto";
import { notFound, unauthenticated } from "@mosaic/contracts";
import type { TokenOwner, TokenRow, TokensRepository } from "@mosaic/db";

const TOKEN = /^mos_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 12;
// last_used_at is informational: writing it once a minute at most keeps the hot path read-only.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * SHA-256 of a token. A fast hash is right here (unlike passwords): tokens carry 256 random bits,
 * so there is nothing to brute-force, and lookup by hash means no secret-dependent comparison.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** True when `token` has the shape of a Mosaic token (checked before any database work). */
export function isTokenShaped(token: string): boolean {
  return TOKEN.test(token);
}

export function createTokenService(deps: { tokens: TokensRepository; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    /** Creates a token for `userId`. The returned `secret` exists nowhere else: show it once. */
    async create(input: {
      userId: string;
      name: string;
      expiresAt: Date | null;
    }): Promise<{ token: TokenRow; secret: string }> {
      const secret = `mos_${randomBytes(32).toString("base64url")}`;
      const token = await deps.tokens.create({
        userId: input.userId,
        name: input.name,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, PREFIX_LENGTH),
        expiresAt: input.expiresAt,
      });
      return { token, secret };
    },

    list(userId: string): Promise<TokenRow[]> {
      return deps.tokens.listForUser(userId);
    },

    /** Revokes one of the caller's own tokens; someone else's id is a 404, like a missing one. */
    async revoke(userId: string, id: string): Promise<TokenRow> {
      const row = await deps.tokens.revoke(userId, id);
      if (!row) throw notFound("token");
      return row;
    },

    /**
     * The owner of `presented`, or a 401: malformed, unknown, revoked, expired or owner disabled all
     * answer the same, so a caller learns nothing about which.
     */
    async verify(presented: string): Promise<TokenOwner> {
      if (!isTokenShaped(presented)) throw unauthenticated("malformed bearer token — expected mos_…");
      const owner = await deps.tokens.findUsable(hashToken(presented));
      if (!owner) throw unauthenticated("token is invalid, expired or revoked, or its account is disabled");
      if (!owner.lastUsedAt || now().getTime() - owner.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await deps.tokens.touch(owner.tokenId);
      }
      return owner;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
