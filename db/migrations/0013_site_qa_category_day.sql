CREATE TABLE "site_qa_category_day" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
	"category" "qa_category" NOT NULL,
	"percent_sum" double precision DEFAULT 0 NOT NULL,
	"scores" integer DEFAULT 0 NOT NULL,
	"evaluations" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "site_qa_category_day_pk" PRIMARY KEY("site_id","day","category")
);
--> statement-breakpoint
ALTER TABLE "site_qa_category_day" ADD CONSTRAINT "site_qa_category_day_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "site_qa_category_day" ("site_id", "day", "category", "percent_sum", "scores", "evaluations")
SELECT e."site_id", e."local_day", k."category", sum(s."score" / k."max_score" * 100), count(*), count(DISTINCT e."id")
FROM "qa_evaluations" e
JOIN "qa_scores" s ON s."site_id" = e."site_id" AND s."evaluation_id" = e."id"
JOIN "qa_criteria" k ON k."id" = s."criterion_id"
WHERE e."scope" = 'site' AND s."score" IS NOT NULL
GROUP BY 1, 2, 3;
