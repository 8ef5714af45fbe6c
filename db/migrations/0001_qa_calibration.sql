CREATE TABLE "qa_calibration_items" (
	"site_id" integer NOT NULL,
	"sample_id" integer NOT NULL,
	"evaluation_id" bigint NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "qa_calibration_items_pk" PRIMARY KEY("site_id","sample_id","evaluation_id"),
	CONSTRAINT "qa_calibration_items_evaluation" UNIQUE("site_id","evaluation_id")
);
--> statement-breakpoint
CREATE TABLE "qa_calibration_samples" (
	"id" serial NOT NULL,
	"site_id" integer NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"requested_count" integer NOT NULL,
	"seed" text NOT NULL,
	"requested_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_calibration_samples_pk" PRIMARY KEY("site_id","id"),
	CONSTRAINT "qa_calibration_samples_period" CHECK ("qa_calibration_samples"."period_from" <= "qa_calibration_samples"."period_to"),
	CONSTRAINT "qa_calibration_samples_count" CHECK ("qa_calibration_samples"."requested_count" between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "qa_calibration_items" ADD CONSTRAINT "qa_calibration_items_sample_fk" FOREIGN KEY ("site_id","sample_id") REFERENCES "public"."qa_calibration_samples"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_calibration_items" ADD CONSTRAINT "qa_calibration_items_evaluation_fk" FOREIGN KEY ("site_id","evaluation_id") REFERENCES "public"."qa_evaluations"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_calibration_samples" ADD CONSTRAINT "qa_calibration_samples_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_calibration_samples" ADD CONSTRAINT "qa_calibration_samples_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qa_calibration_samples_created" ON "qa_calibration_samples" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_evaluations_calibrates_unique" ON "qa_evaluations" USING btree ("site_id","calibrates_id");