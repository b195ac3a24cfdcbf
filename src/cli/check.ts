import { parseArgs } from 'node:util';
import { isCivilDate } from '../calendar/civil-date.ts';
import { describeCheck, runCheck } from '../reminders/check.ts';
import { usageError, type CliCommand } from './cli-command.ts';

export const check: CliCommand = {
  name: 'check',
  usage: 'check [--date YYYY-MM-DD] [--dry-run] [--retry-failed]',
  summary: 'one reminder pass (plan, then post) as of today or a date, then exit',
  async run(args, { runtime }) {
    const { values } = parseArgs({ args, options: { date: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'retry-failed': { type: 'boolean' } } });
    if (values.date !== undefined && !isCivilDate(values.date)) return usageError(check);
    const result = await runCheck(runtime!, {
      date: values.date,
      dryRun: values['dry-run'] ?? false,
      retryFailed: values['retry-failed'] ?? false,
      output: process.stdout,
    });
    process.stdout.write(describeCheck(result) + '\n');
    return result.sent?.failed ? 1 : 0;
  },
};
