/**
 * Triggers for the reconciler and the sender. node-cron is only a trigger: every pass
 * decides from the database what is due, so a missed fire, a restart or a second replica
 * changes nothing but timing. Passes in one process never overlap.
 *
 * - At start, and hourly at the minute of the reminder time (so 09:30 fires at 09:30):
 *   reconcile, then send.
 * - Every minute: send (retries that were deferred, rows another replica planned).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.ts';
import { metrics } from '../metrics.ts';
import type { Runtime } from '../runtime.ts';
import { minutesOfDayIn } from '../core/civil-date.ts';
import { reconcileSettings, senderOptions } from './check.ts';
import type { MessagePoster } from './poster.ts';
import { reconcile } from './reconcile.ts';
import { createSender, DEFAULT_AMBIGUOUS_SETTLE_MS, type SenderOptions } from './sender.ts';

export interface ReminderSchedulerOptions {
  runtime: Runtime;
  poster: MessagePoster;
  logger?: Logger;
  sender?: SenderOptions;
  /** Only these workspaces (default: every workspace in the database). */
  workspaceIds?: readonly string[];
}

export interface ReminderScheduler {
  /** One pass now (reconcile and send); resolves when it is done. */
  runNow(): Promise<void>;
  /** Stops the triggers and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function startReminderScheduler(o: ReminderSchedulerOptions): ReminderScheduler {
  const { runtime, poster } = o;
  const { config } = runtime;
  const logger = (o.logger ?? runtime.logger).child({ component: 'reminders' });
  // On the embedded database every claim older than this process was made by a process
  // that is gone (the folder lock): its rows are taken over without waiting out the lease.
  const predecessorGoneSince = runtime.db.exclusiveSince;
  const sender = createSender(runtime.db, poster, logger, { ...senderOptions(config), predecessorGoneSince, workspaceIds: o.workspaceIds, ...o.sender });
  const settings = { ...reconcileSettings(config, logger), ...(o.workspaceIds ? { workspaceIds: o.workspaceIds } : {}) };
  let current: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;

  function pass(plan: boolean): Promise<void> {
    if (stopped || busy) return current;
    busy = true;
    current = (async () => {
      try {
        const today = runtime.today();
        if (plan) {
          const r = await reconcile(runtime.db, today, minutesOfDayIn(config.DEALCLOCK_TIMEZONE), settings);
          metrics.remindersPlanned(r.milestones + r.catchups + r.digests);
          if (r.milestones || r.catchups || r.digests || r.cancelled) logger.info('reminders planned', { today, ...r });
        }
        const s = await sender.run(today);
        if (s.sent || s.recovered || s.failed || s.cancelled || s.deferred) logger.info('reminders sent', { today, ...s });
      } catch (err) {
        // The next trigger tries again; nothing is lost because the ledger holds the state.
        logger.error('reminder pass failed', { error: err });
      } finally {
        busy = false;
      }
    })();
    return current;
  }

  const minute = Number(config.DEALCLOCK_REMINDER_TIME.slice(3, 5));
  const tasks: ScheduledTask[] = [
    cron.schedule(`${minute} * * * *`, () => pass(true), { name: 'dealclock-reconcile', timezone: config.DEALCLOCK_TIMEZONE, noOverlap: true }),
    cron.schedule('* * * * *', () => pass(false), { name: 'dealclock-send', timezone: config.DEALCLOCK_TIMEZONE, noOverlap: true }),
  ];
  void pass(true);

  // The take-over is allowed once a post the dead process had in flight has settled; a
  // send pass then, rather than at the next minute's trigger (or after a pass in progress).
  let takeover: NodeJS.Timeout | undefined;
  if (predecessorGoneSince) {
    const settleMs = o.sender?.ambiguousSettleMs ?? DEFAULT_AMBIGUOUS_SETTLE_MS;
    const tryTakeover = () => {
      if (busy) takeover = setTimeout(tryTakeover, 1_000).unref();
      else void pass(false);
    };
    takeover = setTimeout(tryTakeover, Math.max(0, predecessorGoneSince.getTime() + settleMs - Date.now()) + 10).unref();
  }

  return {
    async runNow() {
      await current;
      await pass(true);
    },
    async stop() {
      stopped = true;
      clearTimeout(takeover);
      for (const t of tasks) await t.destroy();
      await current;
    },
  };
}
