-- Nothing to do on SQLite: PostgreSQL's migration 14 makes change-log
-- entries wake the other servers (LISTEN/NOTIFY). SQLite has one server,
-- which applies its own writes at once and polls for other processes'.
-- Kept so both backends have the same migration numbers.
SELECT 1;
