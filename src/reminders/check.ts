/**
 * One reconcile-and-send pass (`dealclock check`), and the settings the scheduler shares
 * with it. The poster is passed in (see slack/poster-for.ts).
 */
import type { Writable } from 'node:stream';
import { minutesOfDayIn, type CivilDate } from '../core/civil-date.ts';
import { isOAuthMode, type Config } from '../config.ts';
import { dueForSending, requeueFailed } from '../db/reminders.ts';
import type { Logger } from '../log.ts';
import { renderText } from '../replies/render-text.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { Runtime } from '../runtime.ts';
import { cancelText, ComposeCache, composeReminder, tariffExposureLine } from './compose.ts';
import type { MessagePoster } from './poster.ts';
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
    locale: config.DEALCLOCK_LOCALE,
    opsChannel: config.DEALCLOCK_OPS_CHANNEL,
    exposure: tariffExposureLine,
    installedOnly: isOAuthMode(config),
  };
}

export interface CheckOptions {
  /** As of this date, whatever the time of day; default: today, from the reminder time on. */
  date?: CivilDate | undefined;
  /** Print what would be posted; write nothing. */
  dryRun?: boolean;
  /** Put failed reminders back in the queue first. */
  retryFailed?: boolean;
  output: Writable;
  /** Where reminders go; needed unless this is a dry run. */
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
    // The dry run's own lines are the CLI's (DEALCLOCK_LOCALE, or --lang); each message in
    // its channel's language, as it would be posted.
    const tr = translator(config.DEALCLOCK_LOCALE);
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
          const c = await composeReminder(
            tx,
            row,
            { today, defaultChannel: config.DEALCLOCK_DEFAULT_CHANNEL, exposure: tariffExposureLine, logger, locale: config.DEALCLOCK_LOCALE },
            cache,
          );
          const id = String(row.id);
          if ('cancel' in c) {
            o.output.write(tr.text('cli.check.would_cancel', { id, reason: cancelText(tr, c.cancel) }) + '\n');
            continue;
          }
          wouldPost++;
          o.output.write(`${tr.text('cli.check.would_post_to', { channel: c.channelId ?? 'none', id })}\n${renderText(c.post)}\n\n`);
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
  if (!o.poster) throw new Error('runCheck: a poster is needed to send reminders');
  const poster = o.poster;
  const sent = await createSender(db, poster, logger, { ...senderOptions(config), workspaceIds, ...o.sender }).run(today);
  return { today, planned, sent, ...(requeued !== undefined ? { requeued } : {}) };
}

/** The summary line `dealclock check` prints, in the CLI's language. */
export function describeCheck(r: CheckResult, tr: Translator): string {
  const p = r.planned;
  const today = tr.day(r.today);
  const parts = [
    p.planned
      ? tr.text('cli.check.planned', { today, milestones: p.milestones, catchups: p.catchups, digests: p.digests })
      : tr.text('cli.check.not_yet', { today }),
  ];
  if (p.cancelled) parts.push(tr.text('cli.check.cancelled', { n: p.cancelled }));
  if (r.requeued !== undefined) parts.push(tr.text('cli.check.requeued', { n: r.requeued }));
  if (r.sent) parts.push(tr.text('cli.check.sent', { ...r.sent }));
  if (r.wouldPost !== undefined) parts.push(tr.text('cli.check.would_post', { n: r.wouldPost }));
  return tr.text('cli.check.end', { clauses: parts.join(tr.text('cli.check.separator')) });
}
