-- Full-text index over folded text (no diacritics, đ -> d, lower case): the register writes
-- the folded copy itself, so "dang uy xa" finds "Đảng ủy xã". rowid = documents.id.
CREATE VIRTUAL TABLE `documents_fts` USING fts5(`subject`, `notation`, `issuer`, `signer`, `notes`, tokenize = 'unicode61', prefix = '2 3');
--> statement-breakpoint
-- The audit log is append-only: the database itself refuses to change or remove an entry.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
