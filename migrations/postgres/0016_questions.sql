-- Questions asked of the network: Tacit routes each to a few people by its
-- own ranking; they answer, say "not me" or pass it on; the asker accepts an
-- answer (a public question's accepted answer becomes evidence) or says none
-- helped. Accepted answers and "not me" are the organisation's own
-- relevance judgments.
CREATE TABLE questions (
    id                 TEXT COLLATE "C" PRIMARY KEY,
    asker_id           TEXT COLLATE "C" NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    text               TEXT NOT NULL,
    -- JSON array of skill ids the asker named.
    skill_ids          TEXT NOT NULL DEFAULT '[]',
    visibility         TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    status             TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
    accepted_answer_id TEXT COLLATE "C",
    evidence_id        TEXT COLLATE "C",
    created_at         TIMESTAMPTZ NOT NULL,
    closed_at          TIMESTAMPTZ
);
CREATE INDEX questions_by_asker ON questions (asker_id, created_at);
CREATE INDEX questions_by_time ON questions (created_at);

-- Who a question went to, in order, and what became of it there; people
-- skipped (the fair-share cap, leaving soon) are kept with the reason; a
-- route is withdrawn when its person leaves before answering.
CREATE TABLE question_routes (
    question_id  TEXT COLLATE "C" NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    person_id    TEXT COLLATE "C" NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    state        TEXT NOT NULL CHECK (state IN ('routed', 'answered', 'declined', 'passed', 'skipped', 'withdrawn')),
    position     BIGINT NOT NULL,
    reason       TEXT NOT NULL,
    passed_by    TEXT COLLATE "C",
    note         TEXT,
    routed_at    TIMESTAMPTZ NOT NULL,
    responded_at TIMESTAMPTZ,
    PRIMARY KEY (question_id, person_id)
);
CREATE INDEX question_routes_by_person ON question_routes (person_id, routed_at);

CREATE TABLE question_answers (
    id          TEXT COLLATE "C" PRIMARY KEY,
    question_id TEXT COLLATE "C" NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    author_id   TEXT COLLATE "C" NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX question_answers_by_question ON question_answers (question_id, created_at);

-- Messages waiting to go out (e-mail, webhook), written in the same
-- transaction as what they tell of; a worker sends them and retries with
-- backoff, so a slow relay never holds a request.
CREATE TABLE notifications (
    id          BIGSERIAL PRIMARY KEY,
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    next_at     TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,
    failed_at   TIMESTAMPTZ,
    last_error  TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX notifications_due ON notifications (next_at) WHERE sent_at IS NULL AND failed_at IS NULL;
