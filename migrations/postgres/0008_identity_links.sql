-- The identity-provider account each person signs in with (its immutable
-- `sub`), bound at their first sign-in: a later change of e-mail address can
-- never move a sign-in to another person.
CREATE TABLE identity_links (
    subject    TEXT COLLATE "C" PRIMARY KEY,
    person_id  TEXT NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
    linked_at  TIMESTAMPTZ NOT NULL
);
