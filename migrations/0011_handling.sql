CREATE TABLE `directives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`document_id` integer NOT NULL,
	`text` text NOT NULL,
	`leader_id` integer NOT NULL,
	`recorded_by` integer NOT NULL,
	`directed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directives_uid_unique` ON `directives` (`uid`);--> statement-breakpoint
CREATE INDEX `directives_document` ON `directives` (`document_id`,`id`);--> statement-breakpoint
CREATE TABLE `handling_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`line_id` integer NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`actor` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `handling_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handling_events_uid_unique` ON `handling_events` (`uid`);--> statement-breakpoint
CREATE INDEX `handling_events_line` ON `handling_events` (`line_id`,`id`);--> statement-breakpoint
CREATE TABLE `handling_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`directive_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`part` text NOT NULL,
	`due_date` text,
	`status` text DEFAULT 'waiting' NOT NULL,
	`reply_document_id` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`directive_id`) REFERENCES `directives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reply_document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handling_lines_uid_unique` ON `handling_lines` (`uid`);--> statement-breakpoint
CREATE INDEX `handling_lines_document` ON `handling_lines` (`document_id`,`id`);--> statement-breakpoint
CREATE INDEX `handling_lines_handler` ON `handling_lines` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_uid_unique` ON `units` (`uid`);--> statement-breakpoint
ALTER TABLE `document_types` ADD `handling_days` integer;--> statement-breakpoint
ALTER TABLE `documents` ADD `handled_at` text;--> statement-breakpoint
CREATE INDEX `documents_handling` ON `documents` (`organisation_id`,`direction`,`handled_at`,`due_date`);--> statement-breakpoint
ALTER TABLE `users` ADD `unit_id` integer;