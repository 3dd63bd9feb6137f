DROP INDEX `directives_document`;--> statement-breakpoint
CREATE INDEX `directives_in_force` ON `directives` (`document_id`,`directed_at`,`uid`);