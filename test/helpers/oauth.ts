/** OAuth-mode set-up shared by the install-flow and the multi-workspace tests. */
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import type { Installations } from '../../src/slack/installation-store.ts';
import { BOT_SCOPES } from '../../src/slack/scopes.ts';
import type { FakeSlack } from './fake-slack.ts';
import { SIGNING_SECRET, signatureHeaders } from './slack.ts';

export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'c0ffee0123456789abcdef0123456789';
export const STATE_SECRET = 'state-secret-for-tests-0123456789';
export const KEY = randomBytes(32).toString('base64');
export const OLD_KEY = randomBytes(32).toString('hex');

export function oauthEnv(fake: FakeSlack, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    DEALCLOCK_ENCRYPTION_KEY: KEY,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...extra,
  };
}

export function oauthConfig(fake: FakeSlack, extra: Record<string, string> = {}): Config {
  return loadConfig(oauthEnv(fake, extra), '');
}

/** A workspace installed as Bolt's installer would store it after oauth.v2.access. */
export async function install(installations: Installations, teamId: string, token: string): Promise<void> {
  await installations.storeInstallation({
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { token, scopes: [...BOT_SCOPES], id: `B${teamId}`, userId: `U${teamId}BOT` },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'A0DEALCLOCK',
    authVersion: 'v2',
  });
}

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return signatureHeaders(body, { timestamp });
}

/** Posts a signed request to /slack/events: a form (commands), `payload=` (interactions) or JSON (events). */
export async function signedPost(base: string, kind: 'form' | 'payload' | 'event', data: Record<string, unknown>): Promise<Response> {
  const body =
    kind === 'form'
      ? new URLSearchParams(data as Record<string, string>).toString()
      : kind === 'payload'
        ? new URLSearchParams({ payload: JSON.stringify(data) }).toString()
        : JSON.stringify(data);
  const type = kind === 'event' ? 'application/json' : 'application/x-www-form-urlencoded';
  return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': type, connection: 'close', ...sign(body) }, body });
}

export async function installationRow(db: Database, teamId: string) {
  const { rows } = await db.query<{
    bot_token_ciphertext: Buffer | null;
    bot_token_key_id: string | null;
    uninstalled_at: Date | null;
    bot_user_id: string;
    bot_id: string;
    bot_scopes: string[];
    installed_by: string;
  }>(
    'SELECT bot_token_ciphertext, bot_token_key_id, uninstalled_at, bot_user_id, bot_id, bot_scopes, installed_by FROM slack_installation WHERE team_id = $1',
    [teamId],
  );
  return rows[0];
}
