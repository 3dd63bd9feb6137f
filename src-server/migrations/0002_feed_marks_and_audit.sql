-- Pruning is remembered per organisation: a workstation must resync only when changes of its
-- own organisation after its cursor were dropped (an idle organisation never has to).
CREATE TABLE feed_pruned (
  organ_id text PRIMARY KEY,
  through_seq bigint NOT NULL
);
-- What was pruned before this table existed: every organisation may have lost up to that mark.
INSERT INTO feed_pruned (organ_id, through_seq)
SELECT o.organ_id, s.value::bigint FROM organisations o, settings s WHERE s.key = 'pruned_through';

-- Refused operations leave nothing behind (their key may be sent again once the cause is fixed);
-- an applied key remembers a hash of its operation, to refuse a key reused for another one.
DELETE FROM applied_ops WHERE result ->> 'outcome' = 'rejected';
ALTER TABLE applied_ops ADD COLUMN op_hash text;

-- The audit trail names the organisation too, and is read newest first.
ALTER TABLE audit ADD COLUMN organ_id text NOT NULL DEFAULT '';
CREATE INDEX audit_at ON audit (at);

-- Who may read a blob, and why: 'upload' (the organisation sent its bytes) or 'received'.
ALTER TABLE blob_access ADD COLUMN reason text NOT NULL DEFAULT 'upload';
ALTER TABLE blob_access ADD COLUMN granted_at timestamptz NOT NULL DEFAULT now();
