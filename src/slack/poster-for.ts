/**
 * Where reminders and digests go: Slack when a bot token or OAuth is configured, else the
 * shell's output.
 */
import type { Writable } from 'node:stream';
import { isOAuthMode, type Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { translator } from '../i18n/translator.ts';
import { createShellPoster, type MessagePoster } from '../reminders/poster.ts';
import { createInstallationStore } from './installation-store.ts';
import { TokenCipher } from './token-cipher.ts';

/**
 * Slack when SLACK_BOT_TOKEN is set (that token for every workspace), or in OAuth mode
 * (each workspace's token from its installation, read from `db` at each post: there is
 * no listener here to inject a client); otherwise reminders print to `output`.
 */
export async function posterFor(config: Config, logger: Logger, output: Writable, db?: Database): Promise<MessagePoster> {
  if (!config.SLACK_BOT_TOKEN && !isOAuthMode(config)) return createShellPoster(output, translator(config.DEALCLOCK_LOCALE));
  const { createSlackPoster } = await import('./slack-poster.ts');
  if (config.SLACK_BOT_TOKEN) return createSlackPoster({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL, logger });
  const cipher = TokenCipher.fromConfig(config);
  if (!db || !cipher) throw new Error("OAuth mode: reminders need the database and DEALCLOCK_ENCRYPTION_KEY to find each workspace's token");
  const installations = createInstallationStore(db, cipher, logger);
  return createSlackPoster({ tokenFor: (ws) => installations.tokenFor(ws), apiUrl: config.SLACK_API_URL, logger });
}
