-- The audit chain is keyed from here on: entries from `keyed_from` carry an
-- HMAC-SHA256 under a key kept outside the database; earlier entries keep
-- their plain SHA-256 hash. `key_check` identifies the key (without
-- revealing it) once the first keyed entry is written. See docs/audit.md.
ALTER TABLE audit_head ADD COLUMN keyed_from INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_head ADD COLUMN key_check TEXT;
UPDATE audit_head SET keyed_from = seq + 1;

-- Where keying starts never moves, and the key is recorded once.
CREATE TRIGGER audit_head_keyed_fixed BEFORE UPDATE ON audit_head
WHEN NEW.keyed_from IS NOT OLD.keyed_from
  OR (OLD.key_check IS NOT NULL AND NEW.key_check IS NOT OLD.key_check)
BEGIN SELECT RAISE(ABORT, 'the audit key and where it starts are fixed'); END;
