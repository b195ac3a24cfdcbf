/** `dealclock start` with Slack credentials: serve until SIGINT or SIGTERM, then stop cleanly. */
import type { Runtime } from '../runtime.ts';
import { createSlackApp } from './app.ts';
import type { ShutdownReport } from './work-queue.ts';

/**
 * `dealclock start`'s exit code when it stopped with acked Slack work it did not run or
 * finish: the queued commands were told so through their response_url, but a supervisor
 * should see that a restart cost users something (docs/operations.md).
 */
export const EXIT_WORK_NOT_RUN = 3;

export interface RunSlackOptions {
  /** Runs once Slack's requests are being served (e.g. start the reminder scheduler). */
  afterStart?: () => Promise<void>;
  /** Runs after Slack has stopped and drained (e.g. finish a reminder pass). */
  beforeStop?: () => Promise<void>;
}

/** Serves until a signal; resolves with what shutdown could not run (see EXIT_WORK_NOT_RUN). */
export async function runSlack(runtime: Runtime, options: RunSlackOptions = {}): Promise<ShutdownReport> {
  const slack = createSlackApp(runtime);
  await slack.start();
  try {
    await options.afterStart?.();
  } catch (err) {
    await slack.stop();
    throw err;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      runtime.logger.info('slack: stopping', { signal });
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // Stop taking requests and finish those in flight, then the reminder pass; the caller
  // closes the database afterwards.
  const report = await slack.stop();
  if (report.notRun || report.unfinished) runtime.logger.warn('slack: stopped with work not done', { ...report });
  else runtime.logger.info('slack: stopped; every acked request was answered');
  await options.beforeStop?.();
  return report;
}
