/**
 * One reconcile-and-send pass (`dealclock check`), and the wiring the scheduler shares
 * with it: settings from the configuration, and the poster (Slack when a bot token is
 * configured, else the shell).
 */
import type { Writable } from 'node:stream';
import { minutesOfDayIn, type CivilDate } from '../calendar/civil-date.ts';
import { isOAuthMode, type Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { createInstallationStore } from '../slack/installation-store.ts';
import { TokenCipher } from '../slack/token-cipher.ts';
import { dueForSending, requeueFailed } from '../db/reminders.ts';
import type { Logger } from '../log.ts';
import { renderText } from '../replies/render-text.ts';
import type { Runtime } from '../runtime.ts';
import { ComposeCache, composeReminder, tariffExposureLine } from './compose.ts';
import { createShellPoster, type MessagePoster } from './poster.ts';
import { reconcile, type ReconcileResult, type ReconcileSettings } from './reconcile.ts';
import { createSender, type SendResult, type SenderOptions } from './sender.ts';

export function reconcileSettings(config: Config, logger: Logger): ReconcileSettings {
  return {
    reminderTime: config.DEALCLOCK_REMINDER_TIME,
    milestones: config.DEALCLOCK_MILESTONES,
    defaultChannel: config.DEALCLOCK_DEFAULT_CHANNEL,
    logger,
    installedOnly: isOAuthMode(config),
  };
}

export function senderOptions(config: Config): SenderOptions {
  return {
    defaultChannel: config.DEALCLOCK_DEFAULT_CHANNEL,
    opsChannel: config.DEALCLOCK_OPS_CHANNEL,
    exposure: tariffExposureLine,
    installedOnly: isOAuthMode(config),
  };
}

/**
 * Slack when SLACK_BOT_TOKEN is set (that token for every workspace), or in OAuth mode
 * (each workspace's token from its installation, read from `db` at each post: there is
 * no listener here to inject a client); otherwise reminders print to `output`.
 */
export async function posterFor(config: Config, logger: Logger, output: Writable, db?: Database): Promise<MessagePoster> {
  if (!config.SLACK_BOT_TOKEN && !isOAuthMode(config)) return createShellPoster(output);
  const { createSlackPoster } = await import('./slack-poster.ts');
  if (config.SLACK_BOT_TOKEN) return createSlackPoster({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL, logger });
  const cipher = TokenCipher.fromConfig(config);
  if (!db || !cipher) throw new Error('OAuth mode: reminders need the database and DEALCLOCK_ENCRYPTION_KEY to find each workspace\'s token');
  const installations = createInstallationStore(db, cipher, logger);
  return createSlackPoster({ tokenFor: (ws) => installations.tokenFor(ws), apiUrl: config.SLACK_API_URL, logger });
}

export interface CheckOptions {
  /** As of this date, whatever the time of day; default: today, from the reminder time on. */
  date?: CivilDate | undefined;
  /** Print what would be posted; write nothing. */
  dryRun?: boolean;
  /** Put failed reminders back in the queue first. */
  retryFailed?: boolean;
  output: Writable;
  poster?: MessagePoster;
  sender?: SenderOptions;
}

export interface CheckResult {
  today: CivilDate;
  planned: ReconcileResult;
  sent?: SendResult;
  /** Dry run: the messages that would be posted. */
  wouldPost?: number;
  requeued?: number;
}

class RollBack extends Error {}

export async function runCheck(runtime: Runtime, o: CheckOptions): Promise<CheckResult> {
  const { config, logger, db } = runtime;
  const today = o.date ?? runtime.today();
  const nowMinutes = o.date ? null : minutesOfDayIn(config.DEALCLOCK_TIMEZONE);
  // DEALCLOCK_WORKSPACE narrows the CLI to one workspace, as it does for every command.
  const workspaceIds = config.DEALCLOCK_WORKSPACE ? [config.DEALCLOCK_WORKSPACE] : undefined;
  const settings = { ...reconcileSettings(config, logger), ...(workspaceIds ? { workspaceIds } : {}) };
  if (o.dryRun) {
    let result: CheckResult | undefined;
    // Everything happens in one transaction that is rolled back: the plan is real, the
    // ledger is left exactly as it was.
    await db
      .transaction(async (tx) => {
        const planned = await reconcile(tx, today, nowMinutes, settings);
        const rows = await dueForSending(tx, 1000, workspaceIds);
        const cache = new ComposeCache(tx);
        let wouldPost = 0;
        for (const row of rows) {
          const c = await composeReminder(tx, row, { today, defaultChannel: config.DEALCLOCK_DEFAULT_CHANNEL, exposure: tariffExposureLine, logger }, cache);
          if ('cancel' in c) {
            o.output.write(`(would cancel reminder #${row.id}: ${c.cancel})\n`);
            continue;
          }
          wouldPost++;
          o.output.write(`── would post to ${c.channelId ? `#${c.channelId}` : '(no channel)'} · reminder #${row.id} ──\n${renderText(c.post)}\n\n`);
        }
        result = { today, planned, wouldPost };
        throw new RollBack();
      })
      .catch((err) => {
        if (!(err instanceof RollBack)) throw err;
      });
    return result!;
  }
  const requeued = o.retryFailed ? await requeueFailed(db, workspaceIds) : undefined;
  const planned = await reconcile(db, today, nowMinutes, settings);
  const poster = o.poster ?? (await posterFor(config, logger, o.output, db));
  const sent = await createSender(db, poster, logger, { ...senderOptions(config), workspaceIds, ...o.sender }).run(today);
  return { today, planned, sent, ...(requeued !== undefined ? { requeued } : {}) };
}

export function describeCheck(r: CheckResult): string {
  const p = r.planned;
  const plan = p.planned
    ? `planned ${p.milestones} reminder(s), ${p.catchups} catch-up(s), ${p.digests} digest(s)`
    : 'before the reminder time: nothing planned yet';
  const parts = [`Check for ${r.today}: ${plan}`];
  if (p.cancelled) parts.push(`cancelled ${p.cancelled}`);
  if (r.requeued !== undefined) parts.push(`requeued ${r.requeued} failed`);
  if (r.sent) parts.push(`posted ${r.sent.sent}, found already posted ${r.sent.recovered}, failed ${r.sent.failed}, cancelled at send ${r.sent.cancelled}, deferred ${r.sent.deferred}`);
  if (r.wouldPost !== undefined) parts.push(`would post ${r.wouldPost} (dry run: nothing was written)`);
  return parts.join('; ') + '.';
}
