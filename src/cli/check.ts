import { parseArgs } from 'node:util';
import { isCivilDate } from '../core/civil-date.ts';
import { describeCheck, runCheck } from '../reminders/check.ts';
import type { CliAction } from './cli-command.ts';

export const check: CliAction = {
  async run(args, { runtime, tr, usageError }) {
    const { values } = parseArgs({ args, options: { date: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'retry-failed': { type: 'boolean' } } });
    if (values.date !== undefined && !isCivilDate(values.date)) return usageError();
    const result = await runCheck(runtime!, {
      date: values.date,
      dryRun: values['dry-run'] ?? false,
      retryFailed: values['retry-failed'] ?? false,
      output: process.stdout,
      // Loaded only to send: a dry run posts nothing.
      poster: values['dry-run']
        ? undefined
        : await (await import('../slack/poster-for.ts')).posterFor(runtime!.config, runtime!.logger, process.stdout, runtime!.db),
    });
    process.stdout.write(describeCheck(result, tr) + '\n');
    return result.sent?.failed ? 1 : 0;
  },
};
