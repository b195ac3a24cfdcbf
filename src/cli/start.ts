import { slackEnabled } from '../config.ts';
import { posterFor } from '../slack/poster-for.ts';
import { startReminderScheduler, type ReminderScheduler } from '../reminders/scheduler.ts';
import { runShell } from '../shell.ts';
import type { CliAction } from './cli-command.ts';

export const start: CliAction = {
  // Bolt, its HTTP stack and the Web API client take a few hundred milliseconds to load;
  // they load while the database opens.
  preload: (config) => (slackEnabled(config) ? Promise.all([import('../slack/run.ts'), import('../slack/slack-poster.ts')]) : Promise.resolve()),
  // Runs while the database opens (main.ts): in Slack mode the HTTP server listens at once.
  async run(_args, { runtime, opening, config, logger }) {
    const ready = runtime ?? opening!;
    let scheduler: ReminderScheduler | undefined;
    let exitCode = 0;
    const startReminders = async () => {
      const rt = await ready;
      scheduler = startReminderScheduler({ runtime: rt, poster: await posterFor(rt.config, rt.logger, process.stdout, rt.db) });
    };
    try {
      if (slackEnabled(config)) {
        // Loaded only here: Bolt and its HTTP stack would slow every other CLI command.
        const { EXIT_WORK_NOT_RUN, runSlack } = await import('../slack/run.ts');
        // Requests first: the scheduler (and its first pass, which can take a while after
        // downtime) starts once Slack's requests and /healthz are answered.
        const stopped = await runSlack(config, ready, { ...(logger ? { logger } : {}), afterStart: startReminders, beforeStop: async () => scheduler?.stop() });
        if (stopped.notRun || stopped.unfinished) exitCode = EXIT_WORK_NOT_RUN;
      } else {
        const rt = await ready;
        // The prompt does not wait for the scheduler either.
        const starting = startReminders();
        starting.catch(() => {}); // awaited after the shell
        await runShell(rt);
        await starting;
      }
    } finally {
      // Finish a reminder pass in flight before the database closes.
      await scheduler?.stop();
    }
    return exitCode;
  },
};

export const shell: CliAction = {
  async run(_args, { runtime }) {
    await runShell(runtime!);
    return 0;
  },
};
