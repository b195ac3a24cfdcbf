-- What must be used once across every replica: the OAuth install flow's state, and the
-- signed Slack requests already handled (a replay within the signature's five minutes is
-- refused). Both are keyed by a hash, never the value itself, and both expire.

-- One row per install started at /slack/install; deleted when the redirect uses it, so
-- a state works once, on whichever replica the browser comes back to.
CREATE TABLE slack_oauth_state (
  state_hash      bytea PRIMARY KEY,          -- HMAC-SHA256 of the state under SLACK_STATE_SECRET
  install_options jsonb NOT NULL,             -- what Bolt's installer carries through the flow
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX slack_oauth_state_expires ON slack_oauth_state (expires_at);

-- One row per slash command or interaction handled, kept while its signature could still
-- be accepted (its timestamp plus five minutes). Inserted if absent: the one that inserts
-- runs the request, any later copy does nothing.
CREATE TABLE slack_request_seen (
  signature_hash  bytea PRIMARY KEY,          -- SHA-256 of the x-slack-signature header
  expires_at      timestamptz NOT NULL
);
CREATE INDEX slack_request_seen_expires ON slack_request_seen (expires_at);
