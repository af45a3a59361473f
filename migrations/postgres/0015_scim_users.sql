-- People an identity provider provisions over SCIM 2.0: the user name it
-- knows them by (unique, compared without case), its own id for them, the
-- parts of their name and their employee number. A person "deleted" over
-- SCIM is never erased: they become LEFT and `removed_at` hides them from
-- SCIM, until the provider creates the same user name again.
CREATE TABLE scim_users (
    person_id       TEXT COLLATE "C" PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    user_name       TEXT NOT NULL,
    user_name_key   TEXT COLLATE "C" NOT NULL UNIQUE,
    external_id     TEXT COLLATE "C",
    display_name    TEXT,
    given_name      TEXT,
    family_name     TEXT,
    employee_number TEXT,
    removed_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX scim_users_by_external_id ON scim_users (external_id);
