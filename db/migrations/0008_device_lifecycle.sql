ALTER TABLE `devices` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `devices` ADD `retired_reason` text;--> statement-breakpoint
ALTER TABLE `devices` ADD `former_self` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `returned_changes_row_idx` ON `returned_changes` (`row_id`);