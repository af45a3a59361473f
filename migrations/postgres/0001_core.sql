-- Core model: people, offices, skills, communities, evidence.
-- Timestamps are UTC, stored as TIMESTAMPTZ.

CREATE TABLE offices (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT COLLATE "C" NOT NULL UNIQUE,
    country     TEXT,
    timezone    TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE people (
    id           TEXT COLLATE "C" PRIMARY KEY,
    name         TEXT NOT NULL,
    name_key     TEXT COLLATE "C" NOT NULL,
    email        TEXT UNIQUE,
    title        TEXT,
    org_unit     TEXT,
    office_id    TEXT REFERENCES offices(id),
    country      TEXT,
    timezone     TEXT,
    manager_id   TEXT,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'leaving', 'left')),
    leaving_on   DATE,
    discoverable BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX people_by_name ON people (name_key, id);
CREATE INDEX people_by_office ON people (office_id);
CREATE INDEX people_by_manager ON people (manager_id);

CREATE TABLE skills (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT COLLATE "C" NOT NULL UNIQUE,
    description TEXT,
    broader_id  TEXT REFERENCES skills(id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX skills_by_broader ON skills (broader_id);

CREATE TABLE skill_aliases (
    alias_key TEXT COLLATE "C" PRIMARY KEY,
    alias     TEXT NOT NULL,
    skill_id  TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE
);
CREATE INDEX skill_aliases_by_skill ON skill_aliases (skill_id);

-- Related skills, stored once per pair with skill_id < related_id.
CREATE TABLE skill_related (
    skill_id   TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    related_id TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    PRIMARY KEY (skill_id, related_id),
    CHECK (skill_id < related_id COLLATE "C")
);
CREATE INDEX skill_related_by_related ON skill_related (related_id);

CREATE TABLE person_skills (
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    skill_id   TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    source     TEXT NOT NULL CHECK (source IN ('self', 'endorsed', 'evidence', 'harvested')),
    last_used  DATE,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, skill_id)
);
CREATE INDEX person_skills_by_skill ON person_skills (skill_id);

CREATE TABLE endorsements (
    person_id   TEXT NOT NULL,
    skill_id    TEXT NOT NULL,
    endorser_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, skill_id, endorser_id),
    FOREIGN KEY (person_id, skill_id) REFERENCES person_skills (person_id, skill_id) ON DELETE CASCADE,
    CHECK (person_id <> endorser_id)
);

CREATE TABLE communities (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT COLLATE "C" NOT NULL UNIQUE,
    description TEXT,
    visibility  TEXT NOT NULL DEFAULT 'open' CHECK (visibility IN ('open', 'closed')),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE community_skills (
    community_id TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    skill_id     TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    PRIMARY KEY (community_id, skill_id)
);
CREATE INDEX community_skills_by_skill ON community_skills (skill_id);

CREATE TABLE community_members (
    community_id TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role         TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('lead', 'expert', 'member')),
    joined_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, person_id)
);
CREATE INDEX community_members_by_person ON community_members (person_id);

CREATE TABLE evidence (
    id         TEXT COLLATE "C" PRIMARY KEY,
    kind       TEXT NOT NULL DEFAULT 'document',
    title      TEXT,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX evidence_by_created ON evidence (created_at, id);

CREATE TABLE evidence_authors (
    evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (evidence_id, person_id)
);
CREATE INDEX evidence_authors_by_person ON evidence_authors (person_id);

CREATE TABLE evidence_tags (
    evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    skill_id    TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    PRIMARY KEY (evidence_id, skill_id)
);
CREATE INDEX evidence_tags_by_skill ON evidence_tags (skill_id);
