-- Invitations: a lead asks a person to join; the person accepts or declines.
-- They share the requests table (one pending request or invitation per
-- person and community) and never appear in a lead's inbox.
ALTER TABLE community_requests ADD COLUMN kind TEXT NOT NULL DEFAULT 'join' CHECK (kind IN ('join', 'invitation'));
ALTER TABLE community_requests ADD COLUMN role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('lead', 'expert', 'member'));
ALTER TABLE community_requests ADD COLUMN invited_by TEXT;
CREATE INDEX community_requests_by_person ON community_requests (person_id, status);
