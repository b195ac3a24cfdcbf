-- Reminder and digest ledger.
--
-- Every message the daily check posts is a row here before it is posted. The unique
-- indexes are what make a reminder go out once: any number of replicas may insert the
-- same milestone, and ON CONFLICT DO NOTHING keeps exactly one row. A sender claims rows
-- with FOR UPDATE SKIP LOCKED, posts, and records the Slack ts.

CREATE TABLE subscription (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspace (id),
  channel_id   text NOT NULL,
  frequency    text NOT NULL CHECK (frequency IN ('daily', 'weekly')),
  -- 0 = Sunday … 6 = Saturday; weekly digests only.
  weekday      smallint CHECK (weekday BETWEEN 0 AND 6),
  deal_code    text REFERENCES deal (code),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((frequency = 'weekly') = (weekday IS NOT NULL))
);

-- One subscription per channel and deal; "all deals" (NULL) is one value here, which a
-- plain UNIQUE constraint would not give (NULLs are distinct there).
CREATE UNIQUE INDEX subscription_channel_deal ON subscription (workspace_id, channel_id, coalesce(deal_code, ''));

CREATE TABLE reminder (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id    text NOT NULL REFERENCES workspace (id),
  kind            text NOT NULL CHECK (kind IN ('milestone', 'catchup', 'digest')),
  project_id      bigint REFERENCES project (id),
  -- Unsubscribing keeps the digests already posted, without their subscription.
  subscription_id bigint REFERENCES subscription (id) ON DELETE SET NULL,
  -- 'remaining:10', 'overdue:3', 'overdue-week:2', or 'catchup:<date>'.
  milestone       text,
  -- Digests: 'day:<date>' or 'week:<monday>'.
  period          text,
  -- The project's due date the milestone belongs to: a new due date plans new milestones.
  due_on          date,
  fires_on        date NOT NULL,
  channel_id      text,
  -- merged: a milestone posted as part of the catch-up message named by catchup_id.
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled', 'merged')),
  catchup_id      bigint REFERENCES reminder (id),
  attempts        integer NOT NULL DEFAULT 0,
  claimed_at      timestamptz,
  -- Which claim holds a 'sending' row: a sender whose lease ran out must not record over
  -- the sender that re-claimed it.
  claim_token     text,
  next_attempt_at timestamptz,
  last_error      text,
  slack_ts        text,
  payload         jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  CHECK (kind = 'digest' OR (project_id IS NOT NULL AND milestone IS NOT NULL AND due_on IS NOT NULL)),
  CHECK (kind <> 'digest' OR period IS NOT NULL),
  CHECK ((status = 'merged') = (catchup_id IS NOT NULL))
);

CREATE UNIQUE INDEX reminder_milestone_once ON reminder (project_id, milestone, due_on) WHERE project_id IS NOT NULL;
CREATE UNIQUE INDEX reminder_digest_once ON reminder (subscription_id, period) WHERE subscription_id IS NOT NULL;
-- The sender's claim: pending rows first by date.
CREATE INDEX reminder_claimable ON reminder (fires_on, id) WHERE status IN ('pending', 'sending');
CREATE INDEX reminder_catchup ON reminder (catchup_id) WHERE catchup_id IS NOT NULL;
CREATE INDEX reminder_workspace_project ON reminder (workspace_id, project_id, created_at);

-- The last date the reconciler completed a pass, per workspace and clock calendar.
-- Milestones that fell between that date and today were missed (the bot was down) and
-- are caught up; milestones before it predate the plan (a backdated notice, a moved due
-- date) and are not.
CREATE TABLE reminder_watermark (
  workspace_id  text NOT NULL REFERENCES workspace (id),
  calendar_id   text NOT NULL,
  reconciled_on date NOT NULL,
  PRIMARY KEY (workspace_id, calendar_id)
);
