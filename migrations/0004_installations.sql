-- Slack installations (OAuth mode: one deployment, several workspaces).
--
-- One row per workspace (or per Enterprise Grid org for an org-wide install). The bot
-- token is stored only encrypted (AES-256-GCM, iv ‖ tag ‖ ciphertext) with the id of the
-- key that sealed it, so DEALCLOCK_ENCRYPTION_KEY can be rotated. Uninstalling keeps the
-- row as a record of who installed and when, and drops the token.

CREATE TABLE slack_installation (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id               text,
  team_name             text,
  enterprise_id         text,
  is_enterprise_install boolean NOT NULL DEFAULT false,
  app_id                text,
  bot_token_ciphertext  bytea,
  bot_token_key_id      text,
  bot_user_id           text,
  bot_id                text,
  bot_scopes            text[] NOT NULL DEFAULT '{}',
  installed_by          text,
  installed_at          timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  uninstalled_at        timestamptz,
  CHECK (team_id IS NOT NULL OR enterprise_id IS NOT NULL),
  CHECK (is_enterprise_install = (team_id IS NULL)),
  -- An active installation has a token; an uninstalled one has none.
  CHECK ((uninstalled_at IS NULL) = (bot_token_ciphertext IS NOT NULL)),
  CHECK ((bot_token_ciphertext IS NULL) = (bot_token_key_id IS NULL))
);

-- One row per workspace, and one per org-wide install.
CREATE UNIQUE INDEX slack_installation_team ON slack_installation (team_id) WHERE team_id IS NOT NULL;
CREATE UNIQUE INDEX slack_installation_org ON slack_installation (enterprise_id) WHERE team_id IS NULL;
