/**
 * Signed requests are used once. A request's signature covers its timestamp and body, and
 * Bolt (with signature-guard.ts) accepts it for five minutes either side of now; within
 * that window an exact copy, replayed by whoever saw it, would run again: a second
 * `fund`, a second project from the add form.
 *
 * So each slash command and interaction is recorded (a hash of its signature) in the
 * database, where every replica sees it, before its work runs and after its ack (the ack
 * never waits for the database). The first delivery inserts the row and runs; a copy
 * finds it and does nothing, after the same empty 200 the first got.
 *
 * Slack itself never sends a command or an interaction twice. What it retries is Events
 * API deliveries (with X-Slack-Retry-Num), and each retry is a new request with a new
 * timestamp and signature; events are not checked here in any case, and their listeners
 * (App Home, uninstall) are idempotent. Requests without a signature (Socket Mode, whose
 * envelopes come over our own authenticated connection) are not checked.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Database } from '../db/database.ts';
import { purgeSeenRequests, recordRequest } from '../db/request-replay.ts';
import type { Logger } from '../log.ts';
import { MAX_CLOCK_SKEW_SECONDS } from './signature-guard.ts';

/**
 * How long a request is remembered past its timestamp: the five minutes a signature is
 * accepted for, plus five for clocks that disagree (replicas, the database server).
 */
export const REMEMBER_SECONDS = MAX_CLOCK_SKEW_SECONDS + 5 * 60;
/** Expired rows are deleted at most this often per process. */
const PURGE_INTERVAL_MS = 60_000;

/** Bolt context keys (customPropertiesExtractor) carrying what identifies a signed request. */
export interface SignedRequestProperties {
  slackSignature?: string;
  slackRequestTimestamp?: number;
}

/** HTTPReceiver's customPropertiesExtractor: the signature and timestamp, for the listeners. */
export function signedRequestProperties(req: IncomingMessage): SignedRequestProperties {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  return typeof signature === 'string' && Number.isFinite(timestamp) ? { slackSignature: signature, slackRequestTimestamp: timestamp } : {};
}

export interface ReplayGuard {
  /**
   * After the ack, before the work: true for the first delivery of this request (or one
   * without a signature), false for a copy of one already handled.
   */
  firstDelivery(context: Readonly<Record<string, unknown>>): Promise<boolean>;
}

export function createReplayGuard(db: Database, logger: Logger): ReplayGuard {
  let lastPurge = 0;
  return {
    async firstDelivery(context) {
      const { slackSignature, slackRequestTimestamp } = context as SignedRequestProperties;
      if (typeof slackSignature !== 'string' || typeof slackRequestTimestamp !== 'number') return true;
      const now = Date.now();
      if (now - lastPurge > PURGE_INTERVAL_MS) {
        lastPurge = now;
        purgeSeenRequests(db).catch((error: unknown) => logger.warn('slack: could not purge remembered requests', { error }));
      }
      const hash = createHash('sha256').update(slackSignature).digest();
      try {
        if (await recordRequest(db, hash, new Date((slackRequestTimestamp + REMEMBER_SECONDS) * 1000))) return true;
      } catch (error) {
        // The work that follows needs the database too and reports its own failure; a
        // request is not dropped because this bookkeeping failed.
        logger.warn('slack: could not record the request; handling it', { error });
        return true;
      }
      logger.warn('slack: replayed request ignored', { requestTimestamp: slackRequestTimestamp });
      return false;
    },
  };
}
