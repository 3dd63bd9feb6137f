-- Documents an organisation publishes on its web portal: the latest package per document, with
-- a number that grows each time one is (re)sent, so the portal fetches what is new after it.
CREATE SEQUENCE portal_seq;
CREATE TABLE portal_publications (
  organ_id text NOT NULL,
  document_uid text NOT NULL,
  seq bigint NOT NULL DEFAULT nextval('portal_seq'),
  metadata jsonb NOT NULL,
  file jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organ_id, document_uid)
);
CREATE INDEX portal_publications_seq ON portal_publications (organ_id, seq);
