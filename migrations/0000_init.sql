CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`sequence_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`last_number` integer NOT NULL,
	PRIMARY KEY(`sequence_id`, `period_key`),
	FOREIGN KEY (`sequence_id`) REFERENCES `sequences`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document_files` (
	`document_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`added_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`document_id`, `sha256`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`regime` text DEFAULT 'both' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`builtin` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_types_name_regime` ON `document_types` (`name`,`regime`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`direction` text NOT NULL,
	`status` text NOT NULL,
	`sequence_id` integer,
	`period_key` text,
	`type_name` text NOT NULL,
	`code_number` integer,
	`code_notation` text DEFAULT '' NOT NULL,
	`issued_date` text,
	`organ_name` text DEFAULT '' NOT NULL,
	`organ_id` text DEFAULT '' NOT NULL,
	`subject` text NOT NULL,
	`page_amount` integer,
	`language` text DEFAULT 'vi' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`signer_competence` text DEFAULT '' NOT NULL,
	`signer_position` text DEFAULT '' NOT NULL,
	`signer_full_name` text DEFAULT '' NOT NULL,
	`to_json` text DEFAULT '[]' NOT NULL,
	`to_places` text DEFAULT '' NOT NULL,
	`issued_amount` integer,
	`due_date` text,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`secrecy` text DEFAULT 'none' NOT NULL,
	`file_code` text DEFAULT '' NOT NULL,
	`doc_ordinal` integer,
	`arrival_number` integer,
	`arrival_date` text,
	`received_via` text DEFAULT 'paper' NOT NULL,
	`drafting_unit` text DEFAULT '' NOT NULL,
	`cancel_reason` text DEFAULT '' NOT NULL,
	`register_date` text NOT NULL,
	`urgency_rank` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sequence_id`) REFERENCES `sequences`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_uid_unique` ON `documents` (`uid`);--> statement-breakpoint
CREATE INDEX `documents_register_order` ON `documents` (`organisation_id`,`direction`,`register_date`,`id`);--> statement-breakpoint
CREATE INDEX `documents_duplicate_check` ON `documents` (`organisation_id`,`direction`,`code_number`,code_notation COLLATE NOCASE);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_sequence_number` ON `documents` (`sequence_id`,`period_key`,`code_number`) WHERE direction = 'out';--> statement-breakpoint
CREATE UNIQUE INDEX `documents_arrival_number` ON `documents` (`organisation_id`,`period_key`,`arrival_number`) WHERE direction = 'in';--> statement-breakpoint
CREATE TABLE `files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`page_count` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organ_id` text NOT NULL,
	`name` text NOT NULL,
	`abbreviation` text NOT NULL,
	`regime` text NOT NULL,
	`numbers_here` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_organ_id_unique` ON `organisations` (`organ_id`);--> statement-breakpoint
CREATE TABLE `registers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`direction` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sequences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`register_id` integer NOT NULL,
	`name` text NOT NULL,
	`type_codes` text DEFAULT '[]' NOT NULL,
	`secret` integer DEFAULT false NOT NULL,
	`period_kind` text NOT NULL,
	FOREIGN KEY (`register_id`) REFERENCES `registers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);