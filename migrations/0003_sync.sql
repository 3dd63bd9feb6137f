CREATE TABLE `document_recipients` (
	`document_id` integer NOT NULL,
	`organ_id` text NOT NULL,
	`organ_name` text NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`status_at` text NOT NULL,
	PRIMARY KEY(`document_id`, `organ_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inbox_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seq` integer NOT NULL,
	`from_organ_id` text NOT NULL,
	`from_name` text NOT NULL,
	`exchange_id` text NOT NULL,
	`header` text NOT NULL,
	`files` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`state` text DEFAULT 'waiting' NOT NULL,
	`document_id` integer,
	`reject_reason` text,
	`urgency` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_items_seq_unique` ON `inbox_items` (`seq`);--> statement-breakpoint
CREATE INDEX `inbox_items_state` ON `inbox_items` (`state`,`id`);--> statement-breakpoint
CREATE TABLE `sent_documents` (
	`document_id` integer PRIMARY KEY NOT NULL,
	`exchange_id` text NOT NULL,
	`sent_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sent_documents_exchange_id_unique` ON `sent_documents` (`exchange_id`);--> statement-breakpoint
CREATE TABLE `status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`organ_id` text NOT NULL,
	`code` text NOT NULL,
	`note` text NOT NULL,
	`staff` text NOT NULL,
	`happened_at` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_history_document` ON `status_history` (`document_id`,`id`);--> statement-breakpoint
CREATE TABLE `sync_directory` (
	`organ_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`document_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`last_error` text,
	`done_at` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_outbox_key_unique` ON `sync_outbox` (`key`);--> statement-breakpoint
CREATE INDEX `sync_outbox_queue` ON `sync_outbox` (`state`,`priority`,`id`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`server_url` text NOT NULL,
	`organ_id` text NOT NULL,
	`organ_name` text NOT NULL,
	`workstation_id` text NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`last_sync_at` text,
	`last_error` text,
	CONSTRAINT "sync_state_one_row" CHECK("sync_state"."id" = 1)
);
