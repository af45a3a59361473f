-- The change log: every committed write notes which graph entities it touched, in
-- the same transaction, so each running server (and each replica) can bring its
-- in-memory graph and text index up to date without a full rebuild.
-- `entity` is 'person', 'skill', 'community', 'evidence', or 'all' after bulk loads.
CREATE TABLE graph_changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL
);
