-- The inbox server's store: the organisations directory, enrolled workstations, the change
-- feed (one global sequence, read per organisation), applied operations (exactly once), blobs
-- and who may read them, and an audit trail.
CREATE TABLE organisations (
  organ_id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workstations (
  id text PRIMARY KEY,
  organ_id text NOT NULL REFERENCES organisations (organ_id),
  name text NOT NULL,
  app_version text NOT NULL DEFAULT '',
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  organ_id text NOT NULL REFERENCES organisations (organ_id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  workstation_id text
);

CREATE TABLE changes (
  seq bigserial PRIMARY KEY,
  organ_id text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_feed ON changes (organ_id, seq);

CREATE TABLE applied_ops (
  workstation_id text NOT NULL,
  key text NOT NULL,
  result jsonb,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workstation_id, key)
);

CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE blob_access (
  sha256 text NOT NULL REFERENCES blobs (sha256),
  organ_id text NOT NULL,
  PRIMARY KEY (sha256, organ_id)
);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  workstation_id text NOT NULL DEFAULT '',
  action text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
