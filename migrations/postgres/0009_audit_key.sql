-- The audit chain is keyed from here on: entries from `keyed_from` carry an
-- HMAC-SHA256 under a key kept outside the database; earlier entries keep
-- their plain SHA-256 hash. `key_check` identifies the key (without
-- revealing it) once the first keyed entry is written. See docs/audit.md.
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT NOT NULL DEFAULT 1;
ALTER TABLE audit_head ADD COLUMN key_check TEXT;
UPDATE audit_head SET keyed_from = seq + 1;

-- Where keying starts never moves, and the key is recorded once.
CREATE FUNCTION audit_head_keyed_fixed() RETURNS trigger AS $$
BEGIN
    IF NEW.keyed_from IS DISTINCT FROM OLD.keyed_from
       OR (OLD.key_check IS NOT NULL AND NEW.key_check IS DISTINCT FROM OLD.key_check) THEN
        RAISE EXCEPTION 'the audit key and where it starts are fixed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_head_keyed_fixed BEFORE UPDATE ON audit_head
FOR EACH ROW EXECUTE FUNCTION audit_head_keyed_fixed();
