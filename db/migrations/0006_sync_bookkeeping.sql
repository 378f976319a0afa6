CREATE TABLE `parked_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`record` text NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parked_changes_device_seq_idx` ON `parked_changes` (`device_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sync_bundles` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`device_id` text NOT NULL,
	`manifest_sha256` text NOT NULL,
	`records` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` integer PRIMARY KEY NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`col` text NOT NULL,
	`winner_hlc` text NOT NULL,
	`winner_value` text,
	`loser_hlc` text NOT NULL,
	`loser_value` text,
	`at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
ALTER TABLE `devices` ADD `applied_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `devices` ADD `peer_has` text;