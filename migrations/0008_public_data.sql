-- Public data: the pack of public facts (data/public-data.json) that a new workspace
-- starts with, and what each workspace took from which pack, so that a newer pack changes
-- only what nobody in the workspace edited. See docs/data.md.

-- A third regime form: the total is max(MFN, x), "x net of MFN" (the duty added is
-- max(0, x - MFN)), as for the forced-labour Section 301 tariff of July 2026. Like
-- "MFN + x" it names the MFN rate it assumes and where that figure comes from.
ALTER TABLE tariff_regime DROP CONSTRAINT tariff_regime_rate_kind_check;
ALTER TABLE tariff_regime ADD CONSTRAINT tariff_regime_rate_kind_check CHECK (rate_kind IN ('flat', 'mfn_plus', 'mfn_max'));
ALTER TABLE tariff_regime DROP CONSTRAINT tariff_regime_check1;
ALTER TABLE tariff_regime ADD CONSTRAINT tariff_regime_mfn_check
  CHECK ((rate_kind = 'flat' AND assumed_mfn_rate IS NULL)
      OR (rate_kind IN ('mfn_plus', 'mfn_max') AND assumed_mfn_rate IS NOT NULL AND mfn_source IS NOT NULL));

-- Rows from a pack: a fact label, the pack version they came from, and a source that may
-- be a title without a URL (a proclamation whose text has no stable address yet).
ALTER TABLE tariff_regime
  ALTER COLUMN source_url DROP NOT NULL,
  ADD COLUMN source_title text CHECK (length(source_title) BETWEEN 1 AND 500),
  ADD COLUMN label text CHECK (label IN ('confirmed', 'reported', 'estimated')),
  ADD COLUMN pack_version text,
  ADD CONSTRAINT tariff_regime_source_check CHECK (source_url IS NOT NULL OR source_title IS NOT NULL);
ALTER TABLE import_baseline
  ALTER COLUMN source_url DROP NOT NULL,
  ADD COLUMN source_title text CHECK (length(source_title) BETWEEN 1 AND 500),
  ADD COLUMN label text CHECK (label IN ('confirmed', 'reported', 'estimated')),
  ADD COLUMN pack_version text,
  ADD CONSTRAINT import_baseline_source_check CHECK (source_url IS NOT NULL OR source_title IS NOT NULL);

-- "up to US$40bn", "about US$0.6bn", "more than US$10bn". NULL: the amount as it is.
ALTER TABLE project ADD COLUMN cost_qualifier text CHECK (cost_qualifier IN ('about', 'up_to', 'more_than'));

-- Where a workspace's public facts come from: the pack's source table.
CREATE TABLE public_source (
  workspace_id text NOT NULL REFERENCES workspace (id),
  key          text NOT NULL,
  title        text NOT NULL,
  publisher    text NOT NULL,
  published_on date,
  url          text CHECK (url ~ '^https?://'),
  citation     text,
  PRIMARY KEY (workspace_id, key)
);

-- Dated events of a project (announced, selected, notice, financing signed, …), each
-- with its source and label. `history` stays the audit trail of changes in the workspace.
CREATE TABLE project_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspace (id),
  project_id   bigint NOT NULL REFERENCES project (id),
  kind         text NOT NULL CHECK (kind IN ('announced', 'selected', 'notice', 'funding_date_named', 'financing_signed', 'funded', 'declined', 'update')),
  on_date      date NOT NULL,
  summary      text NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
  label        text NOT NULL CHECK (label IN ('confirmed', 'reported', 'estimated')),
  source_key   text NOT NULL,
  note         text,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_event_project ON project_event (workspace_id, project_id, on_date);

-- One row per fact a pack put into the workspace: what it is (kind and the pack's id),
-- the row it became, the values the pack gave it last (`base`), and each field's source
-- and label. A newer pack changes a field only where the workspace's value still equals
-- `base`; anything else was edited in the workspace and is reported as a conflict.
CREATE TABLE public_record (
  workspace_id text NOT NULL REFERENCES workspace (id),
  kind         text NOT NULL CHECK (kind IN ('project', 'event', 'regime', 'baseline', 'closure')),
  key          text NOT NULL,
  entity_id    bigint,
  base         jsonb NOT NULL,
  provenance   jsonb NOT NULL,
  pack_version text NOT NULL,
  PRIMARY KEY (workspace_id, kind, key)
);
CREATE INDEX public_record_entity ON public_record (workspace_id, kind, entity_id);

-- Which pack a workspace has. `loaded`: the pack was loaded or applied; `off`: the
-- workspace started with DEALCLOCK_PUBLIC_DATA=off; `existing`: it existed before public
-- data, so nothing is loaded by itself (`dealclock data apply` brings the pack in).
CREATE TABLE public_data_state (
  workspace_id text PRIMARY KEY REFERENCES workspace (id),
  status       text NOT NULL CHECK (status IN ('loaded', 'off', 'existing')),
  pack_version text,
  pack_as_of   date,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'loaded') = (pack_version IS NOT NULL AND pack_as_of IS NOT NULL))
);

INSERT INTO public_data_state (workspace_id, status) SELECT id, 'existing' FROM workspace;
