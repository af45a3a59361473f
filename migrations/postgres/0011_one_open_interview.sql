-- A leaver has at most one interview that is scheduled or in progress: the
-- schedule check is backed here, so two requests at once cannot both succeed.
CREATE UNIQUE INDEX interviews_one_open_per_leaver ON interviews (person_id)
    WHERE status IN ('scheduled', 'in_progress');
