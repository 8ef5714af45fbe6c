CREATE TYPE "public"."pricing_model" AS ENUM('per_handled_call', 'per_handled_minute', 'per_productive_hour', 'per_seat_month');--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"month" varchar(7) NOT NULL,
	"currency" varchar(3) NOT NULL,
	"rate" double precision NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_pk" PRIMARY KEY("month","currency"),
	CONSTRAINT "exchange_rates_month" CHECK ("exchange_rates"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "exchange_rates_currency" CHECK ("exchange_rates"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "exchange_rates_positive" CHECK ("exchange_rates"."rate" > 0)
);
--> statement-breakpoint
CREATE TABLE "site_contracts" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"effective_from" date NOT NULL,
	"provider" text NOT NULL,
	"currency" varchar(3) NOT NULL,
	"pricing_model" "pricing_model" NOT NULL,
	"rate" double precision NOT NULL,
	"seats" integer,
	"fixed_monthly" double precision,
	"terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_contracts_site_effective" UNIQUE("site_id","effective_from"),
	CONSTRAINT "site_contracts_currency" CHECK ("site_contracts"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "site_contracts_amounts" CHECK ("site_contracts"."rate" >= 0 and ("site_contracts"."fixed_monthly" is null or "site_contracts"."fixed_monthly" >= 0) and ("site_contracts"."seats" is null or "site_contracts"."seats" > 0)),
	CONSTRAINT "site_contracts_seats" CHECK ("site_contracts"."pricing_model" <> 'per_seat_month' or "site_contracts"."seats" is not null),
	CONSTRAINT "site_contracts_terms_array" CHECK (jsonb_typeof("site_contracts"."terms") = 'array')
);
--> statement-breakpoint
CREATE TABLE "statement_closures" (
	"site_id" integer NOT NULL,
	"month" varchar(7) NOT NULL,
	"statement" jsonb NOT NULL,
	"closed_by" integer,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statement_closures_pk" PRIMARY KEY("site_id","month"),
	CONSTRAINT "statement_closures_month" CHECK ("statement_closures"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "daily_reports" ADD COLUMN "productive_hours" double precision;--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_contracts" ADD CONSTRAINT "site_contracts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_contracts" ADD CONSTRAINT "site_contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_closures" ADD CONSTRAINT "statement_closures_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_closures" ADD CONSTRAINT "statement_closures_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_productive_hours" CHECK ("daily_reports"."productive_hours" is null or ("daily_reports"."productive_hours" >= 0 and "daily_reports"."productive_hours" <= 100000));