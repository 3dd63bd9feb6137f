CREATE TABLE `signature_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer,
	`sha256` text NOT NULL,
	`verdict` text NOT NULL,
	`report` text NOT NULL,
	`checked_at` text NOT NULL,
	`checked_by` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signature_checks_document` ON `signature_checks` (`document_id`,`id`);--> statement-breakpoint
ALTER TABLE `documents` ADD `signature_verdict` text;