/**
 * Delivers the ledger: claims rows (FOR UPDATE SKIP LOCKED), composes each message from
 * the database as it is now, posts it with its ledger id in the message metadata, and
 * records the Slack ts.
 *
 * Exactly once, case by case:
 * - Several senders: the claim hands each row to one of them.
 * - A crash after claiming: the row stays 'sending'; once its lease runs out any sender
 *   re-claims it. On the embedded database, where the folder lock proves the claimer is
 *   gone, the restarted process takes it over about ten seconds after it starts.
 * - A crash or timeout after posting, before recording: the row has an attempt on record,
 *   so whoever takes it next looks in the channel for its ledger id before posting; a
 *   message found there is recorded, not posted again.
 * - 429: wait Retry-After (Slack did not post). 5xx and network errors: back off, look,
 *   then post. After `maxAttempts` the row is marked failed and reported: a reminder we
 *   cannot deliver is said out loud rather than silently dropped.
 *
 * Pacing: one message a second per channel at most; channels are served in parallel.
 */
import type { Locale } from '../core/locale.ts';
import { randomBytes } from 'node:crypto';
import type { CivilDate } from '../core/civil-date.ts';
import type { Queryable } from '../db/database.ts';
import * as ledger from '../db/reminders.ts';
import type { Reminder } from '../db/reminders.ts';
import type { Logger } from '../log.ts';
import { metrics } from '../metrics.ts';
import { createStore } from '../db/store.ts';
import { cancelText, channelLocale, ComposeCache, composeReminder, type ExposureHook } from './compose.ts';
import { translator } from '../i18n/translator.ts';
import { failureReport } from './message.ts';
import { PostError, REMINDER_EVENT_TYPE, type MessagePoster } from './poster.ts';
import { plain } from '../core/mrkdwn.ts';
import { image, type Block } from '../replies/reply.ts';
import { timelineWords } from '../timeline/labels.ts';
import type { TimelinePicture } from '../timeline/render.ts';

export interface SenderOptions {
  /** Rows claimed at a time. */
  batchSize?: number;
  /** How long a claim holds before another sender may take the row over. */
  leaseMs?: number;
  /**
   * Every claim made before this moment belongs to a process that is gone (the embedded
   * database under its folder lock: Database.exclusiveSince). Such rows are taken over
   * without waiting out their lease, once `ambiguousSettleMs` has passed since then, so
   * that a post the dead process had in flight has landed before the channel is read.
   */
  predecessorGoneSince?: Date | undefined;
  /** Calls to Slack (posts and lookups) before a row is marked failed. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Longer waits release the row (pending, next_attempt_at) instead of holding the claim. */
  inlineWaitMaxMs?: number;
  /**
   * After a post that may have gone through (a timeout), wait at least this long before
   * reading the channel, so that a request Slack is still processing has landed.
   */
  ambiguousSettleMs?: number;
  /** At most one message per channel per this many milliseconds. */
  channelIntervalMs?: number;
  defaultChannel?: string | undefined;
  /** The language of channels that have none set. */
  locale?: Locale | undefined;
  /** Only these workspaces' reminders (default: every workspace in the database). */
  workspaceIds?: readonly string[] | undefined;
  /** OAuth mode: skip workspaces without an active Slack installation (their token is gone). */
  installedOnly?: boolean | undefined;
  /** Channel told about reminders that could not be delivered. */
  opsChannel?: string | undefined;
  exposure?: ExposureHook | undefined;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Fault injection for tests: an exception thrown here escapes the sender as a crash
   * would, leaving the row as it is in the database at that moment.
   */
  hooks?: {
    afterClaim?: (rows: Reminder[]) => void | Promise<void>;
    afterPost?: (row: Reminder, ts: string) => void | Promise<void>;
  };
}

export interface SendResult {
  sent: number;
  /** Found already posted by an earlier attempt and recorded. */
  recovered: number;
  failed: number;
  cancelled: number;
  /** Released for a later retry. */
  deferred: number;
}

export interface Sender {
  /** Sends everything that is due now; `today` is the civil date messages are written for. */
  run(today: CivilDate): Promise<SendResult>;
}

/** After a post that may have gone through, how long before the channel is read (see SenderOptions). */
export const DEFAULT_AMBIGUOUS_SETTLE_MS = 10_000;

const DEFAULTS = {
  batchSize: 50,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoffBaseMs: 2_000,
  backoffMaxMs: 15 * 60_000,
  inlineWaitMaxMs: 20_000,
  ambiguousSettleMs: DEFAULT_AMBIGUOUS_SETTLE_MS,
  channelIntervalMs: 1_000,
};

/** Out of the loop: rate-limit waits do not count as attempts, but they cannot go on forever. */
const MAX_RATE_LIMIT_WAITS = 20;

export function createSender(db: Queryable, poster: MessagePoster, logger: Logger, options: SenderOptions = {}): Sender {
  const o = { ...DEFAULTS, ...definedOnly(options) };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // When each channel may next get a message. Kept for the life of the sender, so the
  // pace holds across passes too.
  const nextSlot = new Map<string, number>();

  async function pace(channel: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const at = nextSlot.get(channel) ?? 0;
      if (at <= now) return;
      await sleep(at - now);
    }
  }

  /**
   * The next slot counts from when a post finished, not when it started: the request
   * reached Slack somewhere in between, so this keeps the gap Slack sees at a second or more.
   */
  function posted(channel: string): void {
    const now = Date.now();
    nextSlot.set(channel, now + o.channelIntervalMs);
    if (nextSlot.size > 10_000) pruneSlots(nextSlot, now);
  }

  async function report(row: Reminder, channelId: string | undefined, error: string): Promise<void> {
    const what = row.kind === 'digest' ? `digest ${row.period}` : `${row.kind} ${row.milestone} of project ${row.projectId}`;
    logger.error('reminder not delivered', { reminder: row.id, workspace: row.workspaceId, what, channel: channelId, error });
    if (!o.opsChannel) return;
    try {
      // The report goes out even when these reads fail: in the default language, by id.
      const store = createStore(db, row.workspaceId);
      const fallback = o.locale ?? 'en';
      const [locale, project] = await Promise.all([
        channelLocale(store, o.opsChannel, fallback).catch(() => fallback),
        row.projectId === null ? undefined : store.projects.byId(row.projectId).catch(() => undefined),
      ]);
      const report = failureReport(translator(locale), { reminder: row, slug: project?.slug, channelId, error });
      await poster.post(o.opsChannel, report, undefined, row.workspaceId);
    } catch (err) {
      logger.error('ops channel report failed', { reminder: row.id, error: err });
    }
  }

  async function deliver(row: Reminder, token: string, today: CivilDate, cache: ComposeCache, result: SendResult): Promise<void> {
    let composed: Awaited<ReturnType<typeof composeReminder>>;
    try {
      composed = await composeReminder(db, row, { today, defaultChannel: o.defaultChannel, exposure: o.exposure, logger, locale: o.locale ?? 'en' }, cache);
    } catch (err) {
      // The database is unreachable or the row is malformed: try again later.
      logger.error('reminder compose failed', { reminder: row.id, error: err });
      await ledger.releaseForRetry(db, row.id, token, backoff(o, row.attempts + 1), `compose failed: ${(err as Error).message}`).catch(() => {});
      result.deferred++;
      return;
    }
    if ('cancel' in composed) {
      await ledger.markFinal(db, row.id, token, 'cancelled', cancelText(translator('en'), composed.cancel));
      result.cancelled++;
      return;
    }
    const channel = composed.channelId ?? poster.fallbackChannel;
    if (!channel) {
      await ledger.markFinal(db, row.id, token, 'failed', 'no channel: the project has none and DEALCLOCK_DEFAULT_CHANNEL is not set');
      await report(row, undefined, 'no channel to post to (set channel= on the project or DEALCLOCK_DEFAULT_CHANNEL)');
      result.failed++;
      metrics.reminderFailed();
      return;
    }
    const payload = { text: composed.post.text, blocks: composed.post.blocks };
    // A digest's picture is uploaded just before the post and shown by file id; the post
    // stays one message carrying the ledger id, so finding it again works as for any other.
    // Any trouble with the picture sends the digest as text.
    let picture = poster.uploadPicture ? composed.post.picture : undefined;
    let pictureShown = false;
    const metadata = { event_type: REMINDER_EVENT_TYPE, event_payload: { ledger_id: row.id } };
    let attempts = row.attempts;
    // Any earlier call may have posted it (a crash, a timeout): look before posting.
    let mustLookUp = attempts > 0;
    let rateLimitWaits = 0;
    for (;;) {
      let ts: string | undefined;
      let found = false;
      try {
        if (!(await ledger.countAttempt(db, row.id, token))) return lostClaim(row);
        attempts++;
        if (mustLookUp) {
          ts = await poster.findPosted(channel, row.id, row.createdAt, row.workspaceId);
          found = ts !== undefined;
          mustLookUp = false;
          if (!found) {
            if (!(await ledger.countAttempt(db, row.id, token))) return lostClaim(row);
            attempts++;
          }
        }
        if (!found) {
          if (picture && !pictureShown) {
            try {
              const fileId = await poster.uploadPicture!(picture, row.workspaceId);
              payload.blocks = withPictureBlock(composed.post.blocks, picture, fileId);
              pictureShown = true;
            } catch (err) {
              logger.warn('digest picture not uploaded; posting the text', { reminder: row.id, error: err });
              picture = undefined;
            }
          }
          await pace(channel);
          try {
            ts = (await poster.post(channel, payload, metadata, row.workspaceId)).ts;
          } finally {
            posted(channel);
          }
        }
      } catch (err) {
        const e = err instanceof PostError ? err : new PostError((err as Error)?.message ?? String(err), 'transient', true);
        if (e.kind === 'permanent' && pictureShown) {
          // Slack refused the message with its image (a file it has not processed yet, a
          // block it will not take): the same message without it, right away.
          logger.warn('digest refused with its picture; posting the text', { reminder: row.id, error: e.message });
          payload.blocks = composed.post.blocks;
          picture = undefined;
          pictureShown = false;
          continue;
        }
        if (e.kind === 'permanent') {
          await ledger.markFinal(db, row.id, token, 'failed', e.message);
          await report(row, channel, e.message);
          result.failed++;
          metrics.reminderFailed();
          return;
        }
        if (e.ambiguous) mustLookUp = true;
        let wait: number;
        if (e.kind === 'rate_limited') {
          wait = e.retryAfterMs ?? 1000;
          // A rate-limit answer is Slack declining the call, not a failed attempt.
          if (++rateLimitWaits > MAX_RATE_LIMIT_WAITS) wait = Math.max(wait, o.inlineWaitMaxMs + 1);
        } else {
          if (attempts >= o.maxAttempts) {
            await ledger.markFinal(db, row.id, token, 'failed', `${e.message} (after ${attempts} attempts)`);
            await report(row, channel, `${e.message} after ${attempts} attempts`);
            result.failed++;
            metrics.reminderFailed();
            return;
          }
          wait = backoff(o, attempts);
          if (e.ambiguous) wait = Math.max(wait, o.ambiguousSettleMs);
        }
        logger.warn('reminder delivery retry', { reminder: row.id, channel, error: e.message, kind: e.kind, waitMs: wait, attempts });
        if (wait > o.inlineWaitMaxMs) {
          await ledger.releaseForRetry(db, row.id, token, wait, e.message);
          result.deferred++;
          return;
        }
        await sleep(wait);
        continue;
      }
      // Outside the try: a crash injected here must escape, as a real one would.
      if (!found && o.hooks?.afterPost) await o.hooks.afterPost(row, ts!);
      if (await ledger.markSent(db, row.id, token, { ts: ts!, channelId: channel, payload })) {
        if (found) result.recovered++;
        else result.sent++;
        metrics.reminderPosted();
        logger.info(found ? 'reminder found already posted' : 'reminder posted', { reminder: row.id, kind: row.kind, channel, ts });
      } else lostClaim(row);
      return;
    }
  }

  function lostClaim(row: Reminder): void {
    // Our lease ran out and another sender took the row over; it will find our post.
    logger.warn('reminder claim lost', { reminder: row.id });
  }

  return {
    async run(today) {
      const result: SendResult = { sent: 0, recovered: 0, failed: 0, cancelled: 0, deferred: 0 };
      const cache = new ComposeCache(db);
      for (;;) {
        const token = randomBytes(8).toString('hex');
        const gone = options.predecessorGoneSince;
        const reclaimBefore = gone && Date.now() >= gone.getTime() + o.ambiguousSettleMs ? gone : undefined;
        const rows = await ledger.claimReminders(db, {
          limit: o.batchSize,
          leaseMs: o.leaseMs,
          reclaimBefore,
          token,
          workspaceIds: options.workspaceIds,
          installedOnly: options.installedOnly,
        });
        if (rows.length === 0) return result;
        if (o.hooks?.afterClaim) await o.hooks.afterClaim(rows);
        const byChannel = new Map<string, Reminder[]>();
        for (const row of rows) {
          // Rows without a channel yet are grouped by project; compose resolves them.
          const key = row.channelId ?? `?${row.projectId ?? row.id}`;
          const list = byChannel.get(key);
          if (list) list.push(row);
          else byChannel.set(key, [row]);
        }
        await Promise.all(
          [...byChannel.values()].map(async (list) => {
            for (const row of list) await deliver(row, token, today, cache, result);
          }),
        );
      }
    },
  };
}

/** The digest's blocks with the picture under its header. */
function withPictureBlock(blocks: Block[], picture: TimelinePicture, fileId: string): Block[] {
  const at = blocks[0]?.type === 'header' ? 1 : 0;
  const words = timelineWords(picture.locale);
  return [...blocks.slice(0, at), image(fileId, plain`${words.digestCaption}`, picture.altText), ...blocks.slice(at)];
}

function backoff(o: { backoffBaseMs: number; backoffMaxMs: number }, attempts: number): number {
  return Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

function pruneSlots(slots: Map<string, number>, now: number): void {
  for (const [k, at] of slots) if (at <= now) slots.delete(k);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
