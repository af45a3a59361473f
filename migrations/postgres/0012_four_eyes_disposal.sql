-- Four eyes on destruction: shortening a record's retention below the
-- configured period, or disposing of it early, is a request that a second
-- HR or admin person decides. Requests and decisions name their actors as
-- the audit log does (`person:ID`, `token:ID`); like the audit log they are
-- accountability records and keep the actor after an erasure.
CREATE TABLE disposal_requests (
    id             TEXT COLLATE "C" PRIMARY KEY,
    interview_id   TEXT NOT NULL REFERENCES interviews(id),
    kind           TEXT NOT NULL CHECK (kind IN ('shorten', 'dispose')),
    -- For 'shorten': the record's new period, days from completion.
    retention_days INTEGER CHECK (retention_days IS NULL OR retention_days >= 0),
    reason         TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    requested_by   TEXT NOT NULL,
    requested_at   TIMESTAMPTZ NOT NULL,
    decided_by     TEXT,
    decided_at     TIMESTAMPTZ,
    note           TEXT,
    CHECK ((kind = 'shorten') = (retention_days IS NOT NULL))
);
CREATE INDEX disposal_requests_by_status ON disposal_requests (status, requested_at);
CREATE INDEX disposal_requests_by_interview ON disposal_requests (interview_id);
-- At most one open request per record.
CREATE UNIQUE INDEX disposal_requests_one_pending ON disposal_requests (interview_id) WHERE status = 'pending';

-- Who placed a hold, and when.
ALTER TABLE interviews ADD COLUMN hold_by TEXT;
ALTER TABLE interviews ADD COLUMN hold_at TIMESTAMPTZ;

-- A disposal that followed an approved request names both people.
ALTER TABLE disposal_certificates ADD COLUMN requested_by TEXT;
ALTER TABLE disposal_certificates ADD COLUMN approved_by TEXT;

-- The audit log is searched by who acted, and by date.
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_time ON audit_log (at);
