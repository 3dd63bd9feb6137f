ALTER TABLE `portal_publications` ADD `queued_at` text;--> statement-breakpoint
ALTER TABLE `portal_publications` ADD `sent_at` text;