-- What a person keeps about themselves (and HR may set): a short summary,
-- the languages they speak, topics to ask them about and their working
-- hours; and their handles in other systems (imported), for contact actions.
-- One row per person, only once something is set.
CREATE TABLE person_profiles (
    person_id     TEXT COLLATE "C" PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    summary       TEXT,
    -- JSON arrays of strings, in the person's order.
    languages     TEXT NOT NULL DEFAULT '[]',
    ask_me_about  TEXT NOT NULL DEFAULT '[]',
    -- The skills the topics named when they were saved (JSON array of ids).
    ask_skill_ids TEXT NOT NULL DEFAULT '[]',
    -- Local working hours, 'HH:MM', and days as a bit set (Monday 1 .. Sunday 64); all or none.
    work_start    TEXT,
    work_end      TEXT,
    work_days     BIGINT,
    -- JSON object: handle name -> value.
    handles       TEXT NOT NULL DEFAULT '{}',
    updated_at    TIMESTAMPTZ NOT NULL,
    CHECK ((work_start IS NULL) = (work_end IS NULL) AND (work_start IS NULL) = (work_days IS NULL))
);

-- Where the original of a piece of evidence can be opened.
ALTER TABLE evidence ADD COLUMN url TEXT;
