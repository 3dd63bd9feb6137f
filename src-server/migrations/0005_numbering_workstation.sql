-- Only the numbering workstation of an organisation gives out numbers (DOMAIN.md "Who works
-- where"): an enrollment code may be for it or for another workstation, and the server keeps at
-- most one numbering workstation per organisation connected at a time.
ALTER TABLE enrollment_codes ADD COLUMN role text CHECK (role IN ('numbering', 'other'));
ALTER TABLE workstations ADD COLUMN numbering boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX one_numbering_workstation ON workstations (organ_id) WHERE numbering AND revoked_at IS NULL;
