import { slackEnabled } from '../config.ts';
import { posterFor } from '../reminders/check.ts';
import { startReminderScheduler } from '../reminders/scheduler.ts';
import { runShell } from '../shell.ts';
import type { CliCommand } from './cli-command.ts';

export const start: CliCommand = {
  name: 'start',
  usage: 'start',
  summary: 'run the bot: Slack when SLACK_BOT_TOKEN (or OAuth) is set, else the local shell; the daily checks run in the process',
  // Bolt and its HTTP stack take a few hundred milliseconds to load.
  preload: (config) => (slackEnabled(config) ? import('../slack/run.ts') : Promise.resolve()),
  async run(_args, { runtime }) {
    const rt = runtime!;
    const scheduler = startReminderScheduler({ runtime: rt, poster: await posterFor(rt.config, rt.logger, process.stdout, rt.db) });
    try {
      if (slackEnabled(rt.config)) {
        // Loaded only here: Bolt and its HTTP stack would slow every other CLI command.
        const { runSlack } = await import('../slack/run.ts');
        await runSlack(rt, { beforeStop: () => scheduler.stop() });
      } else {
        await runShell(rt);
      }
    } finally {
      // Finish a reminder pass in flight before the database closes.
      await scheduler.stop();
    }
    return 0;
  },
};

export const shell: CliCommand = {
  name: 'shell',
  usage: 'shell',
  summary: 'the local shell: /invest lines from the terminal or a pipe (no daily checks)',
  async run(_args, { runtime }) {
    await runShell(runtime!);
    return 0;
  },
};
