-- The search index learns each document's urgency, as a word of a column of its own ("u0" for
-- hỏa tốc hẹn giờ ... "u4" for ordinary; levels.ts URGENCY_ORDER). The register screen searches
-- a box with urgent documents first: that order was a sort of every match, each read from the
-- documents table (1,000,000 documents: p95 440 ms). Now each urgency is its own newest-first
-- walk of the index that stops at the page (query.ts). Text queries name the five text columns,
-- so a clerk typing "u4" finds no urgency word. Keys, text and the 16 MB hash size carry over.
CREATE VIRTUAL TABLE `documents_search` USING fts5(`subject`, `notation`, `issuer`, `signer`, `notes`, `urgency`, tokenize = 'unicode61', prefix = '2 3 4 5 6');
--> statement-breakpoint
INSERT INTO `documents_search` (`documents_search`, rank) VALUES ('hashsize', 16777216);
--> statement-breakpoint
INSERT INTO `documents_search` (rowid, subject, notation, issuer, signer, notes, urgency)
  SELECT f.rowid, f.subject, f.notation, f.issuer, f.signer, f.notes, 'u' || d.urgency_rank
  FROM `documents_fts` f JOIN `documents` d ON d.id = (f.rowid & 4294967295) ORDER BY f.rowid;
--> statement-breakpoint
DROP TABLE `documents_fts`;
--> statement-breakpoint
ALTER TABLE `documents_search` RENAME TO `documents_fts`;
