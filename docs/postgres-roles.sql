-- PostgreSQL roles for Tacit: an owner that applies migrations, and a server
-- role that may append to the audit log but never change or remove an entry.
-- See docs/audit.md. Replace the names and passwords; tests/audit_key.rs runs
-- this file as written (with unique names), so keep its two parts and markers.

-- 1. Once, as a superuser (psql -U postgres):
CREATE ROLE tacit_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE tacit_app LOGIN PASSWORD 'change-me-app';
CREATE DATABASE tacit OWNER tacit_owner;
REVOKE ALL ON DATABASE tacit FROM PUBLIC;
-- TEMPORARY: large imports copy their rows into temporary tables first
-- (without it they still work, by a slower path).
GRANT CONNECT, TEMPORARY ON DATABASE tacit TO tacit_app;

-- 2. As tacit_owner, connected to the tacit database, after the first
--    `tacit migrate --migrate-database-url postgres://tacit_owner@…/tacit`
--    (and again after any later one; every statement may be repeated):
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tacit_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tacit_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tacit_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tacit_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO tacit_app;
-- The audit log: read and append only.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM tacit_app;
-- Its head: moved forward on each append, never removed; where keying
-- started is not the server's to change.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_head FROM tacit_app;
GRANT UPDATE (seq, hash, key_check) ON audit_head TO tacit_app;
-- Which migrations ran: the server only checks.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON _sqlx_migrations FROM tacit_app;
