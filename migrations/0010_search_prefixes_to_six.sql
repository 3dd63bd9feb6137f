-- Prefix indexes for the first 2 to 6 letters of every word (they were 2 and 3). The last word
-- a clerk types is matched as a prefix ("chuyen d" finds "chuyển đổi"); a prefix with no index
-- of its own length makes FTS5 read and merge the whole doclist of every word it starts, which
-- took tens of milliseconds for a 4- or 5-letter prefix in a million documents. Folded
-- Vietnamese syllables are at most 7 letters long ("nghieng"), so 6 covers every real prefix.
-- The keys and the folded text are carried over as they are.
CREATE VIRTUAL TABLE `documents_search` USING fts5(`subject`, `notation`, `issuer`, `signer`, `notes`, tokenize = 'unicode61', prefix = '2 3 4 5 6');
--> statement-breakpoint
INSERT INTO `documents_search` (rowid, subject, notation, issuer, signer, notes)
  SELECT rowid, subject, notation, issuer, signer, notes FROM `documents_fts` ORDER BY rowid;
--> statement-breakpoint
DROP TABLE `documents_fts`;
--> statement-breakpoint
ALTER TABLE `documents_search` RENAME TO `documents_fts`;
