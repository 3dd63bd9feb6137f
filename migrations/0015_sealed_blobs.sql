ALTER TABLE `files` ADD `sealed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Files waiting to be sealed, filled by the register itself so nothing that makes a document
-- secret can forget them: a file added to a secret document, or a document made secret.
CREATE TABLE `seal_queue` (`sha256` text PRIMARY KEY NOT NULL) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `seal_queue_file_added` AFTER INSERT ON `document_files`
WHEN (SELECT secrecy FROM documents WHERE id = NEW.document_id) != 'none'
BEGIN
  INSERT OR IGNORE INTO seal_queue (sha256) VALUES (NEW.sha256);
END;
--> statement-breakpoint
CREATE TRIGGER `seal_queue_made_secret` AFTER UPDATE OF `secrecy` ON `documents`
WHEN NEW.secrecy != 'none' AND OLD.secrecy = 'none'
BEGIN
  INSERT OR IGNORE INTO seal_queue (sha256) SELECT sha256 FROM document_files WHERE document_id = NEW.id;
END;
--> statement-breakpoint
-- Files of secret documents an older VanThu kept in the clear.
INSERT OR IGNORE INTO seal_queue (sha256)
  SELECT df.sha256 FROM document_files df JOIN documents d ON d.id = df.document_id WHERE d.secrecy != 'none';
