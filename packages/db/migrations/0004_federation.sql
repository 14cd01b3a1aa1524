CREATE TYPE "public"."federation_grant_status" AS ENUM('pending', 'active', 'revoked', 'expired');--> statement-breakpoint
CREATE TYPE "public"."federation_peer_state" AS ENUM('pending', 'active', 'suspended', 'revoked');--> statement-breakpoint
CREATE TABLE "federation_audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"grant_id" uuid,
	"source" text,
	"action" text NOT NULL,
	"resource" text,
	"outcome" text NOT NULL,
	"reason" text,
	"rows" integer,
	"latency_ms" integer,
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_ca" (
	"id" text PRIMARY KEY NOT NULL,
	"ca_cert_pem" text NOT NULL,
	"ca_key_sealed" text NOT NULL,
	"ca_fingerprint" text NOT NULL,
	"server_cert_pem" text NOT NULL,
	"server_key_sealed" text NOT NULL,
	"server_names" text NOT NULL,
	"server_not_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_enrollment_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"grant_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_user_id" uuid NOT NULL,
	"peer_label" text NOT NULL,
	"scope" jsonb NOT NULL,
	"status" "federation_grant_status" DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by" uuid,
	"current_cert_serial" text,
	"activated_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_peers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"federation_url" text NOT NULL,
	"enroll_host" text NOT NULL,
	"ca_cert_pem" text NOT NULL,
	"ca_fingerprint" text NOT NULL,
	"client_cert_pem" text NOT NULL,
	"client_key_sealed" text NOT NULL,
	"cert_serial" text NOT NULL,
	"grant_id" text NOT NULL,
	"subject_user_id" text NOT NULL,
	"cert_not_after" timestamp with time zone NOT NULL,
	"state" "federation_peer_state" DEFAULT 'pending' NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "federation_enrollment_tokens" ADD CONSTRAINT "federation_enrollment_tokens_grant_id_federation_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."federation_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_grants" ADD CONSTRAINT "federation_grants_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_grants" ADD CONSTRAINT "federation_grants_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "federation_audit_log_at_idx" ON "federation_audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "federation_audit_log_grant_at_idx" ON "federation_audit_log" USING btree ("grant_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "federation_enrollment_tokens_hash_unique" ON "federation_enrollment_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "federation_enrollment_tokens_grant_idx" ON "federation_enrollment_tokens" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "federation_grants_status_created_idx" ON "federation_grants" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "federation_grants_created_idx" ON "federation_grants" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "federation_grants_subject_idx" ON "federation_grants" USING btree ("subject_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "federation_peers_name_unique" ON "federation_peers" USING btree ("name");