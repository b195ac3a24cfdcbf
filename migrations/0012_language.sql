-- Which language a person or a channel reads. A person's row overrides the language
-- their Slack client is set to; a channel's row sets the language of what is posted
-- there (reminders, digests, shared replies). No row: the Slack locale for a person,
-- DEALCLOCK_LOCALE for a channel.
CREATE TABLE language_setting (
  workspace_id text NOT NULL REFERENCES workspace (id),
  scope        text NOT NULL CHECK (scope IN ('user', 'channel')),
  target_id    text NOT NULL,                 -- a Slack user ID or channel ID
  locale       text NOT NULL CHECK (locale IN ('en', 'ja')),
  set_by       text NOT NULL,
  set_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, scope, target_id)
);
