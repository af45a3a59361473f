-- Knowledge-harvest interviews with leavers, their questions and answers,
-- topics and named successors; HR's question sets; disposal certificates.
-- An interview row is never deleted: disposal empties its text and leaves a
-- certificate. Erasing the leaver keeps the record (a records-retention
-- exception) but unlinks it.

CREATE TABLE interviews (
    id                  TEXT PRIMARY KEY,
    person_id           TEXT REFERENCES people(id) ON DELETE SET NULL,
    -- The leaver's name when the interview was scheduled, kept for the record.
    person_name         TEXT NOT NULL,
    interviewer_id      TEXT REFERENCES people(id) ON DELETE SET NULL,
    status              TEXT NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'completed', 'published', 'disposed')),
    scheduled_for       TEXT NOT NULL,
    notes               TEXT,
    outside_contacts    TEXT,
    consent             INTEGER NOT NULL DEFAULT 0,
    consent_at          TEXT,
    summary             TEXT,
    started_at          TEXT,
    completed_at        TEXT,
    published_at        TEXT,
    retention_days      INTEGER CHECK (retention_days BETWEEN 0 AND 36500),
    hold                INTEGER NOT NULL DEFAULT 0,
    hold_reason         TEXT,
    disposed_at         TEXT,
    summary_disposed_at TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX interviews_by_person ON interviews (person_id);
CREATE INDEX interviews_by_status ON interviews (status, scheduled_for, id);

CREATE TABLE interview_questions (
    interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    origin       TEXT NOT NULL CHECK (origin IN ('template', 'generated', 'custom')),
    skill_id     TEXT REFERENCES skills(id) ON DELETE SET NULL,
    answer       TEXT,
    PRIMARY KEY (interview_id, position)
) WITHOUT ROWID;

CREATE TABLE interview_topics (
    interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    skill_id     TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    PRIMARY KEY (interview_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX interview_topics_by_skill ON interview_topics (skill_id);

CREATE TABLE interview_successors (
    interview_id TEXT NOT NULL,
    skill_id     TEXT NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    note         TEXT,
    PRIMARY KEY (interview_id, skill_id, person_id),
    FOREIGN KEY (interview_id, skill_id) REFERENCES interview_topics (interview_id, skill_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX interview_successors_by_person ON interview_successors (person_id);

CREATE TABLE question_sets (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    questions  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE disposal_certificates (
    id            TEXT PRIMARY KEY,
    interview_id  TEXT NOT NULL REFERENCES interviews(id),
    part          TEXT NOT NULL CHECK (part IN ('transcript', 'summary')),
    rule          TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    authorised_by TEXT NOT NULL,
    disposed_at   TEXT NOT NULL,
    destroyed     TEXT NOT NULL,
    audit_seq     INTEGER NOT NULL
);
CREATE INDEX disposal_certificates_by_interview ON disposal_certificates (interview_id);
