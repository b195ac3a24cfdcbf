/**
 * Waiting at start for a Postgres server that is not up yet (a container started before
 * its database, a server restarting). Each attempt is bounded by the pool's connect
 * timeout; between attempts the wait doubles up to a few seconds, so the process comes
 * up within moments of the server, and the whole wait is bounded.
 */
import type pg from 'pg';

export interface WaitOptions {
  /** Give up after this long (0: one attempt, as without waiting). */
  totalMs: number;
  /** Stops the wait (SIGTERM while starting). */
  signal?: AbortSignal | undefined;
  /** Told about every failed attempt that will be retried. */
  onRetry?: ((retry: { attempt: number; retryInMs: number; waitedMs: number; error: Error }) => void) | undefined;
  /** Test seam: the first and the longest pause between attempts. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export class DatabaseWaitAborted extends Error {
  override name = 'DatabaseWaitAborted';
  /** Where the stop came: while waiting for the server, or while the database was opening. */
  constructor(readonly when: 'waiting' | 'opening') {
    super(when === 'waiting' ? 'stopped while waiting for the database' : 'stopped while the database was opening');
  }
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

/**
 * Retries what a late or restarting server answers: no connection at all (refused,
 * reset, timed out, unknown host) and the server's own "not now" (SQLSTATE classes 08
 * connection exception, 53 insufficient resources, 57 operator intervention: "the
 * database system is starting up"). Anything else, a wrong password or a database that
 * does not exist, will not change by waiting and fails at once.
 */
export function isRetryableConnectError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return /^(08|53|57)/.test(code);
  return true;
}

export async function waitUntilReachable(pool: pg.Pool, o: WaitOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + o.totalMs;
  let delay = o.firstDelayMs ?? FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    if (o.signal?.aborted) throw new DatabaseWaitAborted('waiting');
    try {
      await pool.query('select 1');
      return;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const retryInMs = Math.min(delay, deadline - Date.now());
      if (!isRetryableConnectError(err) || retryInMs <= 0) {
        if (attempt === 1) throw error;
        throw Object.assign(
          new Error(`the database did not become reachable within ${Math.round((Date.now() - started) / 1000)} s (${attempt} attempts): ${error.message}`, {
            cause: error,
          }),
          {
            code: (error as { code?: unknown }).code,
          },
        );
      }
      o.onRetry?.({ attempt, retryInMs, waitedMs: Date.now() - started, error });
      await sleep(retryInMs, o.signal);
      delay = Math.min(delay * 2, o.maxDelayMs ?? MAX_DELAY_MS);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
