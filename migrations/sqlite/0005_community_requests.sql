-- Requests to join closed communities, decided by their leads.
CREATE TABLE community_requests (
    id           TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    message      TEXT,
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn')),
    reason       TEXT,
    decided_by   TEXT,
    created_at   TEXT NOT NULL,
    decided_at   TEXT
);
CREATE INDEX community_requests_by_community ON community_requests (community_id, status, created_at);
-- At most one pending request per person and community.
CREATE UNIQUE INDEX community_requests_pending ON community_requests (community_id, person_id) WHERE status = 'pending';
