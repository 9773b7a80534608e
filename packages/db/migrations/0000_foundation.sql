CREATE TABLE "auth_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"amr" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"aal" text DEFAULT 'aal1' NOT NULL,
	"user_agent" text,
	"ip" text,
	"refreshed_at" timestamp with time zone,
	"not_after" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_states" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"auth_code" uuid NOT NULL,
	"code_challenge" text,
	"code_challenge_method" text,
	"provider_type" text NOT NULL,
	"authentication_method" text NOT NULL,
	"redirect_to" text,
	"provider_access_token" text,
	"provider_refresh_token" text,
	"provider_code_verifier" text,
	"auth_code_issued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_id" text NOT NULL,
	"email" text,
	"identity_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "one_time_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"token_type" text NOT NULL,
	"token_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"flow_state_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"parent_hash" text,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"revoked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"node_id" text NOT NULL,
	"name" text,
	"start" text NOT NULL,
	"hash" text NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone,
	"replaced_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"site_id" text NOT NULL,
	"name" text NOT NULL,
	"external_id" text NOT NULL,
	"accelerator_type" text NOT NULL,
	"gpu_count" integer NOT NULL,
	"power_draw_w" integer NOT NULL,
	"latency_estimate_ms" double precision,
	"status" text DEFAULT 'pending' NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"capacity_warning" text,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nodes_org_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "nodes_gpu_count_range" CHECK ("nodes"."gpu_count" between 1 and 64)
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"region" text NOT NULL,
	"power_capacity_kw" double precision NOT NULL,
	"site_type" text NOT NULL,
	"connectivity_tier" text NOT NULL,
	"energy_price_per_kwh" numeric(14, 6),
	"currency" text,
	"pue" double precision,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_org_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "sites_power_capacity_positive" CHECK ("sites"."power_capacity_kw" > 0)
);
--> statement-breakpoint
CREATE TABLE "customer_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"name" text,
	"start" text NOT NULL,
	"hash" text NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone,
	"replaced_by_id" text,
	"models" jsonb,
	"rpm_limit" integer,
	"tpm_limit" integer,
	"monthly_token_budget" bigint,
	"regions" jsonb,
	"data_residency" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"support_tier" text NOT NULL,
	"sla_tier" text NOT NULL,
	"allowed_regions" jsonb NOT NULL,
	"data_residency" jsonb,
	"status" text DEFAULT 'active' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"public_id" text NOT NULL,
	"upstream_name" text NOT NULL,
	"kind" text NOT NULL,
	"context_length" integer NOT NULL,
	"input_price_per_mtok" numeric(14, 6) NOT NULL,
	"output_price_per_mtok" numeric(14, 6) NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "models_context_length_positive" CHECK ("models"."context_length" > 0)
);
--> statement-breakpoint
CREATE TABLE "node_models" (
	"node_id" text NOT NULL,
	"upstream_name" text NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "node_models_pkey" PRIMARY KEY("node_id","upstream_name")
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"customer_id" text NOT NULL,
	"key_id" text NOT NULL,
	"model_id" text NOT NULL,
	"model" text NOT NULL,
	"requests" bigint NOT NULL,
	"errors" bigint NOT NULL,
	"incomplete" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cost_usd" numeric(24, 9) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_daily_pkey" PRIMARY KEY("key_id","model_id","day")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"request_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"key_id" text NOT NULL,
	"model_id" text NOT NULL,
	"model" text NOT NULL,
	"upstream_model" text NOT NULL,
	"endpoint" text NOT NULL,
	"stream" boolean NOT NULL,
	"node_id" text,
	"site_id" text,
	"country" text,
	"region" text,
	"status" smallint NOT NULL,
	"error_code" text,
	"input_tokens" integer NOT NULL,
	"output_tokens" integer NOT NULL,
	"completed" boolean NOT NULL,
	"estimated" boolean NOT NULL,
	"cost_usd" numeric(20, 9) NOT NULL,
	"attempts" smallint NOT NULL,
	"latency_ms" real NOT NULL,
	"overhead_ms" real NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"org_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_email" text,
	"from_value" text,
	"to_value" text,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"cause" text NOT NULL,
	"severity" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"node_id" text,
	"site_id" text,
	"subject" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"assignee_id" uuid,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_daily" (
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"component_id" text NOT NULL,
	"day" date NOT NULL,
	"observed_seconds" double precision DEFAULT 0 NOT NULL,
	"major_seconds" double precision DEFAULT 0 NOT NULL,
	"partial_seconds" double precision DEFAULT 0 NOT NULL,
	"degraded_seconds" double precision DEFAULT 0 NOT NULL,
	"maintenance_seconds" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "status_daily_pkey" PRIMARY KEY("org_id","kind","component_id","day")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text,
	"actor_id" uuid,
	"actor_email" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"invited_by" uuid,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"org_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"use_case" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_marks" (
	"name" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_health" (
	"node_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"status" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"xid_baseline" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"xid_event" jsonb,
	"maintenance" boolean DEFAULT false NOT NULL,
	"maintenance_reason" text,
	"maintenance_since" timestamp with time zone,
	"maintenance_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_telemetry" (
	"node_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"last_seq" bigint NOT NULL,
	"sample_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"interval_seconds" integer NOT NULL,
	"agent_version" text NOT NULL,
	"hostname" text NOT NULL,
	"simulated" boolean NOT NULL,
	"no_gpu" boolean NOT NULL,
	"gpu_count" smallint NOT NULL,
	"gpu_util" real,
	"gpu_mem_used" real,
	"gpu_temp" real,
	"power" real,
	"tokens_per_second" real,
	"queue_depth" real,
	"heartbeat_lag" real,
	"hottest_gpu" smallint,
	"ecc_uncorrected" bigint,
	"ecc_gpu" smallint,
	"xids" jsonb NOT NULL,
	"upstream_healthy" boolean,
	"error_rate_pct" real,
	"models" jsonb NOT NULL,
	"gpus" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemetry_late" (
	"node_id" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	CONSTRAINT "telemetry_late_pkey" PRIMARY KEY("node_id","minute")
);
--> statement-breakpoint
CREATE TABLE "telemetry_rollups_1h" (
	"scope_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"scope" text NOT NULL,
	"org_id" text NOT NULL,
	"site_id" text,
	"nodes" integer NOT NULL,
	"samples" integer NOT NULL,
	"gpu_util_min" real,
	"gpu_util_max" real,
	"gpu_util_sum" double precision,
	"gpu_util_n" integer NOT NULL,
	"gpu_mem_used_min" real,
	"gpu_mem_used_max" real,
	"gpu_mem_used_sum" double precision,
	"gpu_mem_used_n" integer NOT NULL,
	"gpu_temp_min" real,
	"gpu_temp_max" real,
	"gpu_temp_sum" double precision,
	"gpu_temp_n" integer NOT NULL,
	"power_min" real,
	"power_max" real,
	"power_sum" double precision,
	"power_n" integer NOT NULL,
	"tokens_per_second_min" real,
	"tokens_per_second_max" real,
	"tokens_per_second_sum" double precision,
	"tokens_per_second_n" integer NOT NULL,
	"queue_depth_min" real,
	"queue_depth_max" real,
	"queue_depth_sum" double precision,
	"queue_depth_n" integer NOT NULL,
	"heartbeat_lag_min" real,
	"heartbeat_lag_max" real,
	"heartbeat_lag_sum" double precision,
	"heartbeat_lag_n" integer NOT NULL,
	CONSTRAINT "telemetry_rollups_1h_pkey" PRIMARY KEY("scope_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "telemetry_rollups_1m" (
	"scope_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"scope" text NOT NULL,
	"org_id" text NOT NULL,
	"site_id" text,
	"nodes" integer NOT NULL,
	"samples" integer NOT NULL,
	"gpu_util_min" real,
	"gpu_util_max" real,
	"gpu_util_sum" double precision,
	"gpu_util_n" integer NOT NULL,
	"gpu_mem_used_min" real,
	"gpu_mem_used_max" real,
	"gpu_mem_used_sum" double precision,
	"gpu_mem_used_n" integer NOT NULL,
	"gpu_temp_min" real,
	"gpu_temp_max" real,
	"gpu_temp_sum" double precision,
	"gpu_temp_n" integer NOT NULL,
	"power_min" real,
	"power_max" real,
	"power_sum" double precision,
	"power_n" integer NOT NULL,
	"tokens_per_second_min" real,
	"tokens_per_second_max" real,
	"tokens_per_second_sum" double precision,
	"tokens_per_second_n" integer NOT NULL,
	"queue_depth_min" real,
	"queue_depth_max" real,
	"queue_depth_sum" double precision,
	"queue_depth_n" integer NOT NULL,
	"heartbeat_lag_min" real,
	"heartbeat_lag_max" real,
	"heartbeat_lag_sum" double precision,
	"heartbeat_lag_n" integer NOT NULL,
	CONSTRAINT "telemetry_rollups_1m_pkey" PRIMARY KEY("scope_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "telemetry_rollups_5m" (
	"scope_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"scope" text NOT NULL,
	"org_id" text NOT NULL,
	"site_id" text,
	"nodes" integer NOT NULL,
	"samples" integer NOT NULL,
	"gpu_util_min" real,
	"gpu_util_max" real,
	"gpu_util_sum" double precision,
	"gpu_util_n" integer NOT NULL,
	"gpu_mem_used_min" real,
	"gpu_mem_used_max" real,
	"gpu_mem_used_sum" double precision,
	"gpu_mem_used_n" integer NOT NULL,
	"gpu_temp_min" real,
	"gpu_temp_max" real,
	"gpu_temp_sum" double precision,
	"gpu_temp_n" integer NOT NULL,
	"power_min" real,
	"power_max" real,
	"power_sum" double precision,
	"power_n" integer NOT NULL,
	"tokens_per_second_min" real,
	"tokens_per_second_max" real,
	"tokens_per_second_sum" double precision,
	"tokens_per_second_n" integer NOT NULL,
	"queue_depth_min" real,
	"queue_depth_max" real,
	"queue_depth_sum" double precision,
	"queue_depth_n" integer NOT NULL,
	"heartbeat_lag_min" real,
	"heartbeat_lag_max" real,
	"heartbeat_lag_sum" double precision,
	"heartbeat_lag_n" integer NOT NULL,
	CONSTRAINT "telemetry_rollups_5m_pkey" PRIMARY KEY("scope_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "telemetry_samples" (
	"node_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"gpu_util" real,
	"gpu_mem_used" real,
	"gpu_temp" real,
	"power" real,
	"tokens_per_second" real,
	"queue_depth" real,
	"heartbeat_lag" real,
	CONSTRAINT "telemetry_samples_pkey" PRIMARY KEY("node_id","seq")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"email_confirmed_at" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"otp_sent_at" timestamp with time zone,
	"banned_until" timestamp with time zone,
	"app_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"user_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_id_auth_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."auth_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_keys" ADD CONSTRAINT "node_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_keys" ADD CONSTRAINT "node_keys_node_fk" FOREIGN KEY ("org_id","node_id") REFERENCES "public"."nodes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_site_fk" FOREIGN KEY ("org_id","site_id") REFERENCES "public"."sites"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_keys" ADD CONSTRAINT "customer_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_keys" ADD CONSTRAINT "customer_keys_customer_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_models" ADD CONSTRAINT "node_models_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_daily" ADD CONSTRAINT "status_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_health" ADD CONSTRAINT "node_health_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_telemetry" ADD CONSTRAINT "node_telemetry_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_rollups_1h" ADD CONSTRAINT "telemetry_rollups_1h_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_rollups_1m" ADD CONSTRAINT "telemetry_rollups_1m_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_rollups_5m" ADD CONSTRAINT "telemetry_rollups_5m_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_samples" ADD CONSTRAINT "telemetry_samples_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flow_states_auth_code_key" ON "flow_states" USING btree ("auth_code");--> statement-breakpoint
CREATE UNIQUE INDEX "identities_provider_key" ON "identities" USING btree ("provider","provider_id");--> statement-breakpoint
CREATE INDEX "identities_user_idx" ON "identities" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "one_time_tokens_token_key" ON "one_time_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "one_time_tokens_user_idx" ON "one_time_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_token_key" ON "refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_session_idx" ON "refresh_tokens" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "node_keys_hash_key" ON "node_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "node_keys_org_idx" ON "node_keys" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "node_keys_node_idx" ON "node_keys" USING btree ("node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nodes_org_external_id_key" ON "nodes" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "nodes_org_site_idx" ON "nodes" USING btree ("org_id","site_id","id");--> statement-breakpoint
CREATE INDEX "nodes_org_status_idx" ON "nodes" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_keys_hash_key" ON "customer_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "customer_keys_org_idx" ON "customer_keys" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "customer_keys_customer_idx" ON "customer_keys" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customers_org_idx" ON "customers" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "models_org_public_id_key" ON "models" USING btree ("org_id","public_id");--> statement-breakpoint
CREATE INDEX "models_org_idx" ON "models" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "node_models_upstream_idx" ON "node_models" USING btree ("upstream_name");--> statement-breakpoint
CREATE INDEX "usage_daily_org_day_idx" ON "usage_daily" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "usage_events_org_started_idx" ON "usage_events" USING btree ("org_id","started_at");--> statement-breakpoint
CREATE INDEX "usage_events_key_started_idx" ON "usage_events" USING btree ("key_id","started_at");--> statement-breakpoint
CREATE INDEX "incident_events_incident_idx" ON "incident_events" USING btree ("incident_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_open_key" ON "incidents" USING btree ("org_id","dedupe_key") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "incidents_org_idx" ON "incidents" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "incidents_org_node_idx" ON "incidents" USING btree ("org_id","node_id");--> statement-breakpoint
CREATE INDEX "incidents_org_site_idx" ON "incidents" USING btree ("org_id","site_id");--> statement-breakpoint
CREATE INDEX "status_daily_org_day_idx" ON "status_daily" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "audit_log_org_at_idx" ON "audit_log" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_open_key" ON "invitations" USING btree ("org_id","email") WHERE accepted_at is null and revoked_at is null;--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "node_health_org_status_idx" ON "node_health" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "telemetry_rollups_1h_bucket_idx" ON "telemetry_rollups_1h" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "telemetry_rollups_1m_bucket_idx" ON "telemetry_rollups_1m" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "telemetry_rollups_5m_bucket_idx" ON "telemetry_rollups_5m" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "telemetry_samples_node_at_idx" ON "telemetry_samples" USING btree ("node_id","at");--> statement-breakpoint
CREATE INDEX "telemetry_samples_at_idx" ON "telemetry_samples" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");