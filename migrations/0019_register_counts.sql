-- How many documents each box holds, by year of registration and type. The register shows its
-- total beside the first page; counting a box of a million documents read the whole box index
-- (about 100 ms), and a box of one type read every document of the box (about 200 ms). New
-- documents are counted by the code that inserts them, in the same transaction
-- (register/register-counts.ts says why not by a trigger); triggers follow changes and
-- deletions. The register reads it when the filters are only organisation, box, whole years and
-- type (query.ts), and counts the documents otherwise.
CREATE TABLE `register_counts` (
  `organisation_id` integer NOT NULL,
  `direction` text NOT NULL,
  `year` integer NOT NULL,
  `type_name` text NOT NULL,
  `documents` integer NOT NULL,
  PRIMARY KEY (`organisation_id`, `direction`, `year`, `type_name`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `register_counts` (organisation_id, direction, year, type_name, documents)
  SELECT organisation_id, direction, CAST(substr(register_date, 1, 4) AS INTEGER), type_name, COUNT(*)
  FROM `documents` GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `register_counts_delete` AFTER DELETE ON `documents` BEGIN
  UPDATE register_counts SET documents = documents - 1
    WHERE organisation_id = OLD.organisation_id AND direction = OLD.direction
      AND year = CAST(substr(OLD.register_date, 1, 4) AS INTEGER) AND type_name = OLD.type_name;
END;
--> statement-breakpoint
CREATE TRIGGER `register_counts_update` AFTER UPDATE OF organisation_id, direction, register_date, type_name ON `documents`
WHEN OLD.organisation_id IS NOT NEW.organisation_id OR OLD.direction IS NOT NEW.direction
  OR substr(OLD.register_date, 1, 4) IS NOT substr(NEW.register_date, 1, 4) OR OLD.type_name IS NOT NEW.type_name
BEGIN
  UPDATE register_counts SET documents = documents - 1
    WHERE organisation_id = OLD.organisation_id AND direction = OLD.direction
      AND year = CAST(substr(OLD.register_date, 1, 4) AS INTEGER) AND type_name = OLD.type_name;
  INSERT INTO register_counts (organisation_id, direction, year, type_name, documents)
    VALUES (NEW.organisation_id, NEW.direction, CAST(substr(NEW.register_date, 1, 4) AS INTEGER), NEW.type_name, 1)
    ON CONFLICT DO UPDATE SET documents = documents + 1;
END;
