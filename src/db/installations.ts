/**
 * SQL for Slack installations (migrations/0004). Installations are not workspace data:
 * they are what says which workspaces exist for Slack, so they are looked up by team or
 * Enterprise Grid org id rather than through the workspace-scoped store. Tokens arrive
 * and leave here sealed; encryption happens in src/slack/installation-store.ts.
 */
import { selectList } from './columns.ts';
import type { Queryable } from './database.ts';

/** A Slack installation as stored: the bot token sealed. */
export interface StoredInstallation {
  id: number;
  teamId: string | null;
  teamName: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  /** Null once uninstalled. */
  botTokenCiphertext: Buffer | null;
  botTokenKeyId: string | null;
  botUserId: string | null;
  botId: string | null;
  botScopes: string[];
  installedBy: string | null;
  installedAt: Date;
  updatedAt: Date;
  uninstalledAt: Date | null;
}

export interface NewInstallation {
  teamId: string | null;
  teamName: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botTokenCiphertext: Buffer;
  botTokenKeyId: string;
  botUserId: string | null;
  botId: string | null;
  botScopes: readonly string[];
  installedBy: string | null;
}

/** A workspace install by team id; an org-wide install by enterprise id. */
export type InstallationKey = { teamId: string } | { enterpriseId: string };

const COLUMNS = selectList<StoredInstallation>([
  'id',
  'teamId',
  'teamName',
  'enterpriseId',
  'isEnterpriseInstall',
  'appId',
  'botTokenCiphertext',
  'botTokenKeyId',
  'botUserId',
  'botId',
  'botScopes',
  'installedBy',
  'installedAt',
  'updatedAt',
  'uninstalledAt',
]);

/** The embedded database returns bytea as a Uint8Array; the cipher wants a Buffer. */
function withBuffer(row: StoredInstallation): StoredInstallation {
  const sealed = row.botTokenCiphertext;
  return sealed === null || Buffer.isBuffer(sealed) ? row : { ...row, botTokenCiphertext: Buffer.from(sealed) };
}

function keyWhere(key: InstallationKey): { sql: string; value: string } {
  return 'teamId' in key ? { sql: 'team_id = $1', value: key.teamId } : { sql: 'team_id IS NULL AND enterprise_id = $1', value: key.enterpriseId };
}

/** Installs, or reinstalls (new token, scopes, installer); a reinstall after an uninstall revives the row. */
export async function upsertInstallation(q: Queryable, i: NewInstallation): Promise<StoredInstallation> {
  const conflict = i.teamId !== null ? '(team_id) WHERE team_id IS NOT NULL' : '(enterprise_id) WHERE team_id IS NULL';
  const { rows } = await q.query<StoredInstallation>(
    `INSERT INTO slack_installation (team_id, team_name, enterprise_id, is_enterprise_install, app_id, bot_token_ciphertext, bot_token_key_id,
       bot_user_id, bot_id, bot_scopes, installed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT ${conflict} DO UPDATE SET
       team_name = coalesce(excluded.team_name, slack_installation.team_name),
       enterprise_id = excluded.enterprise_id,
       app_id = excluded.app_id,
       bot_token_ciphertext = excluded.bot_token_ciphertext,
       bot_token_key_id = excluded.bot_token_key_id,
       bot_user_id = excluded.bot_user_id,
       bot_id = excluded.bot_id,
       bot_scopes = excluded.bot_scopes,
       installed_by = excluded.installed_by,
       installed_at = CASE WHEN slack_installation.uninstalled_at IS NULL THEN slack_installation.installed_at ELSE now() END,
       updated_at = now(),
       uninstalled_at = NULL
     RETURNING ${COLUMNS}`,
    [
      i.teamId,
      i.teamName,
      i.enterpriseId,
      i.isEnterpriseInstall,
      i.appId,
      i.botTokenCiphertext,
      i.botTokenKeyId,
      i.botUserId,
      i.botId,
      [...i.botScopes],
      i.installedBy,
    ],
  );
  return withBuffer(rows[0]!);
}

/** The installation, active or not. */
export async function findInstallation(q: Queryable, key: InstallationKey): Promise<StoredInstallation | undefined> {
  const w = keyWhere(key);
  const { rows } = await q.query<StoredInstallation>(`SELECT ${COLUMNS} FROM slack_installation WHERE ${w.sql}`, [w.value]);
  return rows[0] ? withBuffer(rows[0]) : undefined;
}

/**
 * Stores a token sealed again under the current key. Only if the row still holds the
 * ciphertext that was read: a reinstall in between wins.
 */
export async function resealToken(q: Queryable, id: number, previous: Buffer, sealed: { ciphertext: Buffer; keyId: string }): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE slack_installation SET bot_token_ciphertext = $3, bot_token_key_id = $4
     WHERE id = $1 AND bot_token_ciphertext = $2`,
    [id, previous, sealed.ciphertext, sealed.keyId],
  );
  return (rowCount ?? 0) > 0;
}

/** Active installations whose token is sealed under another key than `keyId` (for rotation), by id. */
export async function installationsNotUnderKey(q: Queryable, keyId: string, afterId: number, limit: number): Promise<StoredInstallation[]> {
  const { rows } = await q.query<StoredInstallation>(
    `SELECT ${COLUMNS} FROM slack_installation
     WHERE bot_token_key_id IS NOT NULL AND bot_token_key_id <> $1 AND id > $2 ORDER BY id LIMIT $3`,
    [keyId, afterId, limit],
  );
  return rows.map(withBuffer);
}

/** Drops the token and marks the installation uninstalled; returns whether one was active. */
export async function markUninstalled(q: Queryable, key: InstallationKey): Promise<boolean> {
  const w = keyWhere(key);
  const { rowCount } = await q.query(
    `UPDATE slack_installation SET bot_token_ciphertext = NULL, bot_token_key_id = NULL, uninstalled_at = now(), updated_at = now()
     WHERE ${w.sql} AND uninstalled_at IS NULL`,
    [w.value],
  );
  return (rowCount ?? 0) > 0;
}

/** Workspaces (team ids) with an active installation. */
export async function activeTeamIds(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ team_id: string }>(
    'SELECT team_id FROM slack_installation WHERE team_id IS NOT NULL AND uninstalled_at IS NULL ORDER BY team_id',
  );
  return rows.map((r) => r.team_id);
}
