/** @module Who a request acts as, once authenticated. */

/** An authenticated user. `via` says which credential proved it (a web session or a bearer token). */
export interface Actor {
  userId: string;
  role: "admin" | "member";
  via: "session" | "token";
}
