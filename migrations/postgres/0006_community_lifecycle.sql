-- Communities are proposed, approved (active), archived; merged ones leave a redirect.
ALTER TABLE communities ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('proposed', 'active', 'archived'));
ALTER TABLE communities ADD COLUMN proposed_by TEXT;

CREATE TABLE community_redirects (
    from_id   TEXT COLLATE "C" PRIMARY KEY,
    to_id     TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    merged_at TIMESTAMPTZ NOT NULL
);
