CREATE TABLE "queue_status_latest" (
	"site_id" integer NOT NULL,
	"queue" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"waiting" integer NOT NULL,
	"longest_wait_seconds" integer NOT NULL,
	"agents_available" integer NOT NULL,
	"agents_busy" integer NOT NULL,
	"agents_wrap_up" integer NOT NULL,
	"agents_away" integer NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "queue_status_latest_pk" PRIMARY KEY("site_id","queue"),
	CONSTRAINT "queue_status_latest_figures_nonnegative" CHECK ("queue_status_latest"."waiting" >= 0 and "queue_status_latest"."longest_wait_seconds" >= 0 and "queue_status_latest"."agents_available" >= 0 and "queue_status_latest"."agents_busy" >= 0 and "queue_status_latest"."agents_wrap_up" >= 0 and "queue_status_latest"."agents_away" >= 0)
);
--> statement-breakpoint
CREATE TABLE "queue_status_minutes" (
	"site_id" integer NOT NULL,
	"queue" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"waiting" integer NOT NULL,
	"longest_wait_seconds" integer NOT NULL,
	"agents_available" integer NOT NULL,
	"agents_busy" integer NOT NULL,
	"agents_wrap_up" integer NOT NULL,
	"agents_away" integer NOT NULL,
	CONSTRAINT "queue_status_minutes_pk" PRIMARY KEY("site_id","queue","minute"),
	CONSTRAINT "queue_status_minutes_figures_nonnegative" CHECK ("queue_status_minutes"."waiting" >= 0 and "queue_status_minutes"."longest_wait_seconds" >= 0 and "queue_status_minutes"."agents_available" >= 0 and "queue_status_minutes"."agents_busy" >= 0 and "queue_status_minutes"."agents_wrap_up" >= 0 and "queue_status_minutes"."agents_away" >= 0)
);
--> statement-breakpoint
ALTER TABLE "queue_status_latest" ADD CONSTRAINT "queue_status_latest_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_status_minutes" ADD CONSTRAINT "queue_status_minutes_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queue_status_minutes_site_minute" ON "queue_status_minutes" USING btree ("site_id","minute");