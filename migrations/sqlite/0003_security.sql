-- Credentials: API tokens for integrations and browser sessions. Only a SHA-256
-- of each secret is kept; the secret itself is shown once, when it is created.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('api', 'session')),
    prefix       TEXT NOT NULL,
    secret_hash  TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('employee', 'hr', 'admin')),
    person_id    TEXT REFERENCES people(id) ON DELETE CASCADE,
    scopes       TEXT NOT NULL,
    created_by   TEXT,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_by_person ON api_tokens (person_id);

-- Roles granted by an admin on top of what the identity provider says.
CREATE TABLE role_grants (
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('hr', 'admin')),
    granted_by TEXT,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
) WITHOUT ROWID;

-- The audit log: append-only, each row hash-chained to the one before.
-- `audit_head` holds the last sequence number and hash; updating it first
-- serialises appends so the chain never forks.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT,
    outcome   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_by_target ON audit_log (target);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- The head only moves forward and is never removed, so the log cannot be
-- cut back to an earlier point and the head rewound to match.
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
WHEN NEW.seq < OLD.seq
BEGIN SELECT RAISE(ABORT, 'the audit log head only moves forward'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'the audit log head only moves forward'); END;
