/**
 * The post-ack queue as the Slack surface uses it: bounds from the configuration, a
 * count and a rate-limited log line for work that is not run, and what its users are
 * told. Every "not run" answer says that nothing was changed and to send it again: the
 * work never started, so sending it again is always safe.
 */
import { metrics, type ShedReason } from '../metrics.ts';
import type { Logger } from '../log.ts';
import { errorReply, type Reply } from '../replies/reply.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { Runtime } from '../runtime.ts';
import { WorkQueue } from './work-queue.ts';

/** At most one log line about shed work per this many milliseconds. */
const SHED_LOG_EVERY_MS = 10_000;

export function createCommandQueue(runtime: Runtime, concurrency: number): WorkQueue {
  const { config } = runtime;
  const logShed = shedLog(runtime.logger.child({ component: 'slack' }), config.DEALCLOCK_QUEUE_MAX, config.DEALCLOCK_QUEUE_MAX_PER_USER);
  return new WorkQueue({
    concurrency,
    maxQueued: config.DEALCLOCK_QUEUE_MAX,
    maxQueuedPerKey: config.DEALCLOCK_QUEUE_MAX_PER_USER,
    maxWaitMs: config.DEALCLOCK_QUEUE_MAX_WAIT_SECONDS * 1000,
    onShed(reason) {
      metrics.shed(reason);
      logShed(reason);
    },
  });
}

/** Whose turn an item takes: one user of one workspace. */
export function queueKey(teamId: string, userId: string): string {
  return `${teamId}:${userId}`;
}

/** The words for each reason; `waitSeconds` is the age bound. */
export function notRunText(reason: ShedReason, waitSeconds: number, tr: Translator = translator('en')): string {
  return tr.text('slack.not_run', { reason, wait: reason === 'expired' ? waitDescription(waitSeconds, tr) : '' });
}

/** A slash command's ack body for a request the queue did not admit (ephemeral). */
export function busyAck(reason: ShedReason, waitSeconds: number, tr?: Translator): { response_type: 'ephemeral'; text: string } {
  return { response_type: 'ephemeral', text: notRunText(reason, waitSeconds, tr) };
}

/** The same words as a reply through the response_url. */
export function notRunReply(reason: ShedReason, waitSeconds: number, tr?: Translator): Reply {
  return errorReply(notRunText(reason, waitSeconds, tr).replace(/^:[a-z_]+: /, ''));
}

function waitDescription(seconds: number, tr: Translator): string {
  if (seconds >= 120 && seconds % 60 === 0) return tr.text('slack.wait', { unit: 'minutes', n: String(seconds / 60) });
  if (seconds === 60) return tr.text('slack.wait', { unit: 'minute', n: '1' });
  return tr.text('slack.wait', { unit: 'seconds', n: String(Math.round(seconds * 10) / 10) });
}

/**
 * Logs the first shed at once and then at most one line per SHED_LOG_EVERY_MS with the
 * counts since the last: a flood sheds thousands a second, and a line each would become
 * the next flood.
 */
export function shedLog(logger: Logger, maxQueued: number, maxPerUser: number, everyMs = SHED_LOG_EVERY_MS): (reason: ShedReason) => void {
  let timer: NodeJS.Timeout | undefined;
  let since: Record<ShedReason, number> = { full: 0, user_full: 0, expired: 0, shutdown: 0 };
  const flush = () => {
    timer = undefined;
    const total = since.full + since.user_full + since.expired + since.shutdown;
    if (total === 0) return;
    logger.warn('slack: work not run (queue bounds)', { notRun: since, seconds: everyMs / 1000, maxQueued, maxPerUser });
    since = { full: 0, user_full: 0, expired: 0, shutdown: 0 };
    timer = setTimeout(flush, everyMs);
    timer.unref();
  };
  return (reason) => {
    if (timer) {
      since[reason]++;
      return;
    }
    logger.warn('slack: work not run (queue bounds)', { notRun: { [reason]: 1 }, maxQueued, maxPerUser });
    timer = setTimeout(flush, everyMs);
    timer.unref();
  };
}
