-- Calendar feeds: secret subscription URLs (/feeds/<token>.ics) that publish a workspace's
-- due dates to Outlook, Google Calendar and Apple Calendar (docs/feeds.md).

CREATE TABLE feed (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspace (id),
  -- sha256 of the token, hex. The token itself is shown once and never stored: a copy of
  -- the database does not give anyone a working URL.
  token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  -- Only this deal's projects, only this channel's, or (both NULL) the whole workspace.
  deal_code    text REFERENCES deal (code),
  channel_id   text,
  -- Also the 30/15/10/5-business-days-left events, not only the due dates.
  milestones   boolean NOT NULL DEFAULT false,
  -- The language of the calendar's words: its maker's when it was made.
  locale       text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ja')),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_by   text,
  revoked_at   timestamptz,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

CREATE INDEX feed_workspace ON feed (workspace_id, id);

-- The iCalendar SEQUENCE of a project's events: a subscribed calendar replaces its copy of
-- an event only when SEQUENCE rises. It rises with every change of the due date or the
-- stage (a funded project's event becomes cancelled), whoever makes it: an edit, a
-- calendar override that moves running clocks, an import, a public-data pack. A trigger
-- sees all of them; a counter kept by each writer would miss the next one added.
ALTER TABLE project ADD COLUMN feed_sequence integer NOT NULL DEFAULT 0;

-- Every insert and update of a project takes the next number: the workspace's largest is
-- the version of its feeds, one index probe away, so a calendar polling with an ETag that
-- still matches is answered 304 without reading the feed's projects.
CREATE SEQUENCE project_change_seq;
ALTER TABLE project ADD COLUMN change_no bigint NOT NULL DEFAULT nextval('project_change_seq');
CREATE INDEX project_workspace_change ON project (workspace_id, change_no);

CREATE FUNCTION project_feed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_no := nextval('project_change_seq');
  IF NEW.due_on IS DISTINCT FROM OLD.due_on OR NEW.stage IS DISTINCT FROM OLD.stage THEN
    NEW.feed_sequence := OLD.feed_sequence + 1;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER project_feed_version BEFORE UPDATE ON project
  FOR EACH ROW EXECUTE FUNCTION project_feed_version();

-- A feed lists running clocks and, for 30 days, the projects that closed after one ran
-- (as cancelled events, so that subscribed calendars drop them): the closed ones are
-- found by when they last changed.
CREATE INDEX project_workspace_closed_updated ON project (workspace_id, updated_at)
  WHERE stage IN ('funded', 'declined', 'withdrawn') AND due_on IS NOT NULL;
