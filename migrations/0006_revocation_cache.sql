CREATE TABLE `revocation_cache` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`source_url` text NOT NULL,
	`issuer_key_hash` text NOT NULL,
	`serial` text DEFAULT '' NOT NULL,
	`this_update` text NOT NULL,
	`next_update` text NOT NULL,
	`bytes` blob NOT NULL,
	`sha256` text NOT NULL,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revocation_cache_source` ON `revocation_cache` (`kind`,`source_url`,`issuer_key_hash`,`serial`);--> statement-breakpoint
CREATE INDEX `revocation_cache_issuer` ON `revocation_cache` (`issuer_key_hash`,`kind`,`serial`);