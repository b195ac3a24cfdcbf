/**
 * `dealclock start` with Slack credentials: serve until SIGINT or SIGTERM, then stop cleanly.
 *
 * The HTTP server listens first, before the database is open or Slack has answered, and
 * says so: /healthz 503 `{"starting":true,…}`, Slack's routes 503 with Retry-After. Then,
 * in order: the database (main.ts opens it, waiting for a late server), Slack (single-token
 * mode: auth.test, retried every few seconds), the app; from then on requests reach it.
 */
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { runtimeLogger, type Runtime } from '../runtime.ts';
import { createSlackApp } from './app.ts';
import { createHttpFront, httpFrontOptions } from './http-front.ts';
import { waitForSlack, type BotIdentity } from './slack-ready.ts';
import type { ShutdownReport } from './work-queue.ts';

/**
 * `dealclock start`'s exit code when it stopped with acked Slack work it did not run or
 * finish: the queued commands were told so through their response_url, but a supervisor
 * should see that a restart cost users something (docs/operations.md).
 */
export const EXIT_WORK_NOT_RUN = 3;

/** Stopped before any request was taken. */
const NOTHING_LEFT: ShutdownReport = { notRun: 0, unfinished: 0 };

export interface RunSlackOptions {
  /** Runs once Slack's requests are being served (e.g. start the reminder scheduler). */
  afterStart?: () => Promise<void>;
  /** Runs after Slack has stopped and drained (e.g. finish a reminder pass). */
  beforeStop?: () => Promise<void>;
  /** Logs before the runtime is open (default: the runtime's, once it is). */
  logger?: Logger;
  /** Test seam: the pauses between auth.test tries while Slack is unreachable. */
  slackRetry?: { firstDelayMs: number; maxDelayMs: number };
}

export async function runSlack(config: Config, opening: Runtime | Promise<Runtime>, options: RunSlackOptions = {}): Promise<ShutdownReport> {
  const logger = options.logger ?? ('then' in opening ? runtimeLogger(config) : opening.logger);
  const stopping = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    logger.info('slack: stopping', { signal });
    stopping.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const front = createHttpFront(httpFrontOptions(config, logger.child({ component: 'http' })));
  try {
    const address = await front.listen();
    logger.info('http: listening; not ready yet', { host: address.address, port: address.port });
    // main.ts stops the database's opening on the same signals.
    const runtime = await opening;
    front.starting({ database: 'up' });
    let botIdentity: BotIdentity | undefined;
    if (config.SLACK_BOT_TOKEN) {
      botIdentity = await waitForSlack({
        token: config.SLACK_BOT_TOKEN,
        apiUrl: config.SLACK_API_URL,
        logger: runtime.logger.child({ component: 'slack' }),
        signal: stopping.signal,
        ...options.slackRetry,
      });
      if (!botIdentity) return NOTHING_LEFT;
    }
    front.starting({ slack: 'up' });
    const slack = createSlackApp(runtime, { front, ...(botIdentity ? { botIdentity } : {}) });
    await slack.start();
    try {
      await options.afterStart?.();
    } catch (err) {
      await slack.stop();
      throw err;
    }
    if (!stopping.signal.aborted) await new Promise((resolve) => stopping.signal.addEventListener('abort', resolve, { once: true }));
    // Stop taking requests and finish those in flight, then the reminder pass; the caller
    // closes the database afterwards.
    const report = await slack.stop();
    if (report.notRun || report.unfinished) runtime.logger.warn('slack: stopped with work not done', { ...report });
    else runtime.logger.info('slack: stopped; every acked request was answered');
    await options.beforeStop?.();
    return report;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await front.close();
  }
}
