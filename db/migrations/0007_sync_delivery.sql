CREATE TABLE `delivery_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`location` text NOT NULL,
	`username` text,
	`enabled` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inbox_files` (
	`path` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mtime` integer NOT NULL,
	`bundle_id` text,
	`state` text NOT NULL,
	`message` text,
	`report` text,
	`seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`target_id` text NOT NULL,
	`file_name` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_at` integer NOT NULL,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_bundle_target_idx` ON `outbox` (`bundle_id`,`target_id`);--> statement-breakpoint
CREATE TABLE `returned_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`reason` text NOT NULL,
	`record` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `returned_changes_device_seq_idx` ON `returned_changes` (`device_id`,`seq`);--> statement-breakpoint
ALTER TABLE `sync_bundles` ADD `seq_to` integer;--> statement-breakpoint
ALTER TABLE `sync_bundles` ADD `file_name` text;