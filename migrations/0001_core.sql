-- Core schema: deals, workspaces, projects, calendar overrides and the audit trail.
-- Every row of workspace data carries workspace_id; the repository layer filters on it.

CREATE TABLE deal (
  code              text PRIMARY KEY CHECK (code ~ '^[A-Z]{2,8}$'),
  name              text NOT NULL,
  partner           text NOT NULL,
  signed_on         date NOT NULL,
  commitment_usd    bigint NOT NULL CHECK (commitment_usd > 0),
  selection_ends_on date,
  clock_days        integer NOT NULL DEFAULT 45 CHECK (clock_days BETWEEN 1 AND 365),
  clock_calendar    text NOT NULL,
  compare_calendars text[] NOT NULL,
  source_url        text NOT NULL,
  note              text
);

INSERT INTO deal (code, name, partner, signed_on, commitment_usd, selection_ends_on, clock_calendar, compare_calendars, source_url, note) VALUES
  ('JP', 'US–Japan MOU on Strategic Investments', 'Japan', '2025-09-04', 550000000000, '2029-01-19',
   'US-FRB+JP-BANK', ARRAY['US-FRB', 'JP-BANK'],
   'https://www.govinfo.gov/content/pkg/FR-2025-09-09/html/2025-17389.htm',
   'Japan funds on a date at least 45 days after the selection notice (reported; "business days" not confirmed for Japan). Clock counted in business days on New York and Tokyo bank days.'),
  ('KR', 'US–Korea MOU on Strategic Investment', 'Korea', '2025-11-14', 350000000000, '2029-01-19',
   'US-FRB+KR-BANK', ARRAY['US-FRB', 'KR-BANK'],
   'https://www.korea.kr/briefing/policyBriefingView.do?newsId=156728415',
   'US$200bn cash (capped at US$20bn a year) plus US$150bn shipbuilding cooperation. Korea pays at least 45 business days after the notice. Selection window "by January 2029"; the exact day is assumed to be 19 Jan 2029.');

CREATE TABLE workspace (
  id         text PRIMARY KEY,
  name       text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   text NOT NULL REFERENCES workspace (id),
  number         integer NOT NULL CHECK (number > 0),
  slug           text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  deal_code      text NOT NULL REFERENCES deal (code),
  sector         text,
  sponsor        text,
  location       text,
  cost_usd       bigint CHECK (cost_usd >= 0),
  stage          text NOT NULL DEFAULT 'candidate'
                 CHECK (stage IN ('candidate', 'shortlisted', 'selected', 'funded', 'declined', 'withdrawn')),
  announced_on   date,
  notice_on      date,
  -- The funding date named in the notice, when it names one.
  notice_due_on  date,
  -- The effective due date: notice_due_on, else notice + clock days on the clock calendar.
  -- Stored so that the daily check can select due clocks in SQL.
  due_on         date,
  calendar       text,
  funded_on      date,
  funded_usd     bigint CHECK (funded_usd >= 0),
  declined_on    date,
  withdrawn_on   date,
  closed_reason  text,
  channel_id     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (stage <> 'selected' OR (notice_on IS NOT NULL AND due_on IS NOT NULL)),
  UNIQUE (workspace_id, slug),
  UNIQUE (workspace_id, number)
);

CREATE INDEX project_workspace_stage_due ON project (workspace_id, stage, due_on);

CREATE TABLE calendar_override (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspace (id),
  calendar     text NOT NULL,
  day          date NOT NULL,
  action       text NOT NULL CHECK (action IN ('close', 'open')),
  reason       text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, calendar, day)
);

CREATE TABLE audit_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspace (id),
  at           timestamptz NOT NULL DEFAULT now(),
  actor        text NOT NULL,
  source       text NOT NULL CHECK (source IN ('slack', 'shell', 'cli', 'system')),
  channel_id   text,
  action       text NOT NULL,
  project_id   bigint REFERENCES project (id),
  subject      text,
  before       jsonb,
  after        jsonb
);

CREATE INDEX audit_event_project ON audit_event (workspace_id, project_id, at);
