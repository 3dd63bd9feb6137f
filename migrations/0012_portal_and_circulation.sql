CREATE TABLE `portal_publications` (
	`document_id` integer PRIMARY KEY NOT NULL,
	`marked_by` text NOT NULL,
	`marked_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`exported_at` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `documents` ADD `circulation` text DEFAULT 'public' NOT NULL;