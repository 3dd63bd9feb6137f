-- The public holidays (Tết, 30/4, 2/9, ...) the server's administrators keep for every
-- workstation; a workstation's administrator takes them into its own calendar when they wish.
CREATE TABLE holidays (
  day text PRIMARY KEY CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
);
