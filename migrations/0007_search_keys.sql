-- The search index's rowid becomes a key that sorts like the register, newest first: the
-- register date's day number (since 1970-01-01) times 2^32 plus the document id (see
-- src-main/core/register/search-index.ts). FTS5 walks matches in rowid order, so the newest page
-- of a search no longer sorts every match. The folded text is carried over as it is.
CREATE VIRTUAL TABLE `documents_search` USING fts5(`subject`, `notation`, `issuer`, `signer`, `notes`, tokenize = 'unicode61', prefix = '2 3');
--> statement-breakpoint
INSERT INTO `documents_search` (rowid, subject, notation, issuer, signer, notes)
  SELECT CAST(julianday(d.register_date) - 2440587.5 AS INTEGER) * 4294967296 + d.id, f.subject, f.notation, f.issuer, f.signer, f.notes
  FROM `documents_fts` f JOIN `documents` d ON d.id = f.rowid ORDER BY 1;
--> statement-breakpoint
DROP TABLE `documents_fts`;
--> statement-breakpoint
ALTER TABLE `documents_search` RENAME TO `documents_fts`;
