/** `dealclock start` with Slack credentials: serve until SIGINT or SIGTERM, then stop cleanly. */
import type { Runtime } from '../runtime.ts';
import { createSlackApp } from './app.ts';

export interface RunSlackOptions {
  /** Runs once Slack's requests are being served (e.g. start the reminder scheduler). */
  afterStart?: () => Promise<void>;
  /** Runs after Slack has stopped and drained (e.g. finish a reminder pass). */
  beforeStop?: () => Promise<void>;
}

export async function runSlack(runtime: Runtime, options: RunSlackOptions = {}): Promise<void> {
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
  await slack.stop();
  await options.beforeStop?.();
}
