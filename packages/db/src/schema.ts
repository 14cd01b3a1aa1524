/** @module The drizzle schema: one definition for PGlite and PostgreSQL. SQL names are snake_case. */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns.js";

export const userRole = pgEnum("user_role", ["admin", "member"]);
export const projectStatus = pgEnum("project_status", ["active", "archived"]);
export const teamRole = pgEnum("team_role", ["owner", "admin", "member"]);

/** People with an account on this gateway. Shaped for better-auth's `user` model plus our fields. */
export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: userRole("role").notNull().default("member"),
    disabled: boolean("disabled").notNull().default(false),
    ...timestamps(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

/** Credentials per user (better-auth `account`): the password hash lives here, never in users. */
export const accounts = pgTable(
  "accounts",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    password: text("password"),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    ...timestamps(),
  },
  (t) => [index("accounts_user_id_idx").on(t.userId)],
);

/** Web sessions (ephemeral: never migrated between tiers). */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("sessions_token_unique").on(t.token), index("sessions_user_id_idx").on(t.userId)],
);

/** One-off verification values (ephemeral). */
export const verifications = pgTable(
  "verifications",
  {
    id: id(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...timestamps(),
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

/** Rate-limit counters (ephemeral). */
export const rateLimits = pgTable("rate_limits", {
  id: id(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull().default(0),
  lastRequest: timestamp("last_request", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Personal access tokens (bearer credentials for the CLI, TUI, MCP and scripts). Only the SHA-256 of
 * the token is stored; `prefix` is the first characters, kept so people can tell tokens apart.
 * Durable: a token survives `storage migrate-tier` like the account it belongs to.
 */
export const personalAccessTokens = pgTable(
  "personal_access_tokens",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("personal_access_tokens_token_hash_unique").on(t.tokenHash),
    index("personal_access_tokens_user_id_idx").on(t.userId),
  ],
);

/** A group of users sharing projects. */
export const teams = pgTable("teams", {
  id: id(),
  name: text("name").notNull(),
  ...timestamps(),
});

/** Who is in which team, with which role. A team always keeps at least one owner (enforced by the repository). */
export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: teamRole("role").notNull().default("member"),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_id_idx").on(t.userId)],
);

/** A project: the unit of ownership in the brain, owned by exactly one user (personal) or one team. */
export const projects = pgTable(
  "projects",
  {
    id: id(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    ownerTeamId: uuid("owner_team_id").references(() => teams.id, { onDelete: "cascade" }),
    status: projectStatus("status").notNull().default("active"),
    ...timestamps(),
  },
  (t) => [
    index("projects_owner_user_id_idx").on(t.ownerUserId),
    index("projects_owner_team_id_idx").on(t.ownerTeamId),
    index("projects_created_at_id_idx").on(t.createdAt, t.id),
    check("projects_one_owner", sql`num_nonnulls(${t.ownerUserId}, ${t.ownerTeamId}) = 1`),
  ],
);

/**
 * Tables whose rows are short-lived and tied to one running store: `storage migrate-tier`
 * never copies them (people sign in again; counters start over).
 */
export const EPHEMERAL_TABLES: ReadonlySet<string> = new Set([
  "sessions",
  "verifications",
  "rate_limits",
  // A 15-minute, single-use credential: a pending grant gets a fresh URL instead.
  "federation_enrollment_tokens",
]);
export * from "./brainSchema.js";
export * from "./federationSchema.js";
