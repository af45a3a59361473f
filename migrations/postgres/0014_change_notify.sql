-- Every transaction that adds change-log entries wakes the other servers on
-- commit (NOTIFY is delivered only when the transaction commits, and only
-- once per transaction for the same payload). The trigger is on the table, so
-- no write path can forget it; followers still read the log itself, which
-- stays the source of truth, and still poll in case a notification is lost.
CREATE FUNCTION tacit_graph_changes_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tacit_graph_changes', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER graph_changes_notify
    AFTER INSERT ON graph_changes
    FOR EACH STATEMENT
    EXECUTE FUNCTION tacit_graph_changes_notify();
