CREATE TABLE `institutions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`kind` text NOT NULL,
	`region` text
);
--> statement-breakpoint
CREATE INDEX `institutions_name_idx` ON `institutions` (`name`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`name` text NOT NULL,
	`mode` text NOT NULL,
	`institution_id` text,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreement_parties` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text NOT NULL,
	`institution_id` text NOT NULL,
	`role` text NOT NULL,
	`major` text,
	`sort` integer NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_parties_agreement_idx` ON `agreement_parties` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `agreement_phases` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`notes` text,
	`sort` integer NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_phases_agreement_idx` ON `agreement_phases` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`title` text NOT NULL,
	`program_type` text NOT NULL,
	`delivery_mode` text NOT NULL,
	`document_form` text NOT NULL,
	`policy_basis` text,
	`document_number` text,
	`signed_date` text,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`status` text NOT NULL,
	`goals` text,
	`clauses` text,
	`budget_fen` integer,
	`host_office` text,
	`notes` text
);
--> statement-breakpoint
CREATE INDEX `agreements_period_idx` ON `agreements` (`period_start`,`period_end`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`revision_id` text NOT NULL,
	`group_kind` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`institution_id` text,
	`post` text,
	`phone` text,
	`sort` integer NOT NULL,
	FOREIGN KEY (`revision_id`) REFERENCES `group_revisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_members_revision_idx` ON `group_members` (`revision_id`);--> statement-breakpoint
CREATE TABLE `group_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text NOT NULL,
	`revised_on` text NOT NULL,
	`approved_by` text,
	`document_number` text,
	`notes` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_revisions_agreement_idx` ON `group_revisions` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`description` text,
	`department` text,
	`responsible_person` text,
	`liaison` text,
	`contact` text,
	`year` integer NOT NULL,
	`target_text` text,
	`target_value` real,
	`target_unit` text,
	`budget_fen` integer,
	`status` text NOT NULL,
	`sort` integer NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_agreement_idx` ON `tasks` (`agreement_id`,`year`);--> statement-breakpoint
CREATE TABLE `monthly_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`drafter` text,
	`submitted_by` text,
	`submitted_at` integer,
	`reviewed_by` text,
	`reviewed_at` integer,
	`review_note` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `monthly_plans_agreement_month_idx` ON `monthly_plans` (`agreement_id`,`month`);--> statement-breakpoint
CREATE TABLE `plan_items` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`plan_id` text NOT NULL,
	`task_id` text,
	`content` text NOT NULL,
	`department` text,
	`person` text,
	`planned_date` text,
	`status` text NOT NULL,
	`completion_note` text,
	`sort` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `monthly_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_items_plan_idx` ON `plan_items` (`plan_id`);--> statement-breakpoint
CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text NOT NULL,
	`task_id` text,
	`plan_item_id` text,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`place` text,
	`online` integer NOT NULL,
	`platform` text,
	`organiser` text,
	`department` text,
	`beneficiary_schools` integer,
	`teachers` integer,
	`students` integer,
	`cadres` integer,
	`instructors` text,
	`instructor_count` integer,
	`lectures` integer,
	`hours` real,
	`days` real,
	`satisfaction_pct` real,
	`certificates` integer,
	`amount_fen` integer,
	`outcome` text,
	`notes` text,
	`details` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_item_id`) REFERENCES `plan_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_agreement_date_idx` ON `activities` (`agreement_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `activities_date_idx` ON `activities` (`start_date`);--> statement-breakpoint
CREATE TABLE `activity_beneficiaries` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`activity_id` text NOT NULL,
	`institution_id` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_beneficiaries_activity_idx` ON `activity_beneficiaries` (`activity_id`);--> statement-breakpoint
CREATE TABLE `outcomes` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text NOT NULL,
	`activity_id` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`level` text,
	`quantity` integer NOT NULL,
	`date` text,
	`notes` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outcomes_agreement_idx` ON `outcomes` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `secondments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text NOT NULL,
	`activity_id` text,
	`person` text NOT NULL,
	`direction` text NOT NULL,
	`home_post` text,
	`host_institution_id` text,
	`host_post` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`months` integer,
	`scope` text,
	`term_no` integer,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `secondments_agreement_idx` ON `secondments` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`entity_table` text NOT NULL,
	`entity_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`caption` text
);
--> statement-breakpoint
CREATE INDEX `attachments_entity_idx` ON `attachments` (`entity_table`,`entity_id`);--> statement-breakpoint
CREATE TABLE `report_sections` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`report_id` text NOT NULL,
	`key` text NOT NULL,
	`heading` text NOT NULL,
	`body` text NOT NULL,
	`generated` integer NOT NULL,
	`edited` integer NOT NULL,
	`sort` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_sections_report_idx` ON `report_sections` (`report_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`owner_site` text NOT NULL,
	`agreement_id` text,
	`year` integer NOT NULL,
	`template` text NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_agreement_year_idx` ON `reports` (`agreement_id`,`year`);--> statement-breakpoint
CREATE TABLE `change_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`device_no` integer NOT NULL,
	`seq` integer NOT NULL,
	`hlc` text NOT NULL,
	`tx` integer NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_log_device_seq_idx` ON `change_log` (`device_no`,`seq`);--> statement-breakpoint
CREATE INDEX `change_log_row_idx` ON `change_log` (`row_id`);--> statement-breakpoint
CREATE TABLE `device_state` (
	`one` integer PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`site_id` text NOT NULL,
	`mode` text NOT NULL,
	`public_key` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `devices` (
	`no` integer PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`site_id` text NOT NULL,
	`public_key` text NOT NULL,
	`enrolled_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_device_id_idx` ON `devices` (`device_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
