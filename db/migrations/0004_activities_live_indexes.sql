DROP INDEX `activities_agreement_date_idx`;--> statement-breakpoint
DROP INDEX `activities_date_idx`;--> statement-breakpoint
CREATE INDEX `activities_live_agreement_date_idx` ON `activities` (`agreement_id`,`start_date`) WHERE "activities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `activities_live_date_idx` ON `activities` (`start_date`) WHERE "activities"."deleted_at" IS NULL;