/** @module Accounts on the wire: sign-up/in, the current user, personal access tokens, user admin. */
import { z } from "zod";

export const UserRole = z.enum(["admin", "member"]);
export type UserRole = z.infer<typeof UserRole>;

const email = z.email().max(254);
// better-auth's own bounds for email + password accounts.
const password = z.string().min(8).max(128);

export const SignUpBody = z.strictObject({
  email,
  password,
  name: z.string().trim().min(1).max(100),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

export const SignInBody = z.strictObject({ email, password: z.string().min(1).max(128) });
export type SignInBody = z.infer<typeof SignInBody>;

/** A user as shown to that user or to an admin. Never carries credentials. */
export const UserView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: UserRole,
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof UserView>;

/** Answer of sign-up and sign-in; the session itself travels in an HttpOnly cookie. */
export const SessionResponse = z.object({ user: UserView });

/**
 * GET /api/auth/status (public): whether the gateway has any account yet, so a client can offer
 * the first-run sign-up (which makes that account the admin) instead of a sign-in form.
 */
export const AuthStatusResponse = z.object({ hasUsers: z.boolean() });
export type AuthStatusResponse = z.infer<typeof AuthStatusResponse>;

/** GET /api/me: who the request is authenticated as, and how. */
export const MeResponse = z.object({ user: UserView, via: z.enum(["session", "token"]) });

export const TokenCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Days until the token stops working; omitted: it never expires (revoke it instead). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type TokenCreateBody = z.infer<typeof TokenCreateBody>;

export const TokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the token, to tell tokens apart; the token itself is never shown again. */
  prefix: z.string(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type TokenView = z.infer<typeof TokenView>;

/** The only answer that ever holds the token: shown once, stored hashed. */
export const TokenCreatedResponse = z.object({ token: TokenView, secret: z.string() });
export const TokenListResponse = z.object({ items: z.array(TokenView) });
