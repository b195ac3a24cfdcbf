/**
 * `dealclock export-ics [file] [--deal JP] [--milestones]`: the calendar a feed serves,
 * as a file to import where a subscription is not possible (or to stdout without a
 * file). Running clocks only, plus the projects closed in the last 30 days as cancelled
 * events, exactly as a feed shows them.
 */
import { parseArgs } from 'node:util';
import { slackEnabled, slackWebUrl } from '../config.ts';
import { openOutputFile, writeTo } from '../csv/output-file.ts';
import { renderFeed } from '../feeds/feed-calendar.ts';
import { validDeal } from '../usecases/project-fields.ts';
import type { CliAction } from './cli-command.ts';

export const exportIcsCmd: CliAction = {
  async run(args, { runtime, config, tr, usageError }) {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(args);
    } catch {
      return usageError();
    }
    const { positionals, values } = parsed;
    if (positionals.length > 1) return usageError();
    const ctx = await runtime!.localContext();
    await ctx.ready();
    const deal = values.deal !== undefined ? validDeal(values.deal, await ctx.deals()) : undefined;
    const file = positionals[0];
    // Opened before the calendar is built: an existing file is refused before any work.
    const out = file ? openOutputFile(file) : process.stdout;
    const text = await renderFeed(
      ctx.db,
      { workspaceId: ctx.workspaceId, dealCode: deal?.code ?? null, channelId: null, milestones: values.milestones ?? false, locale: ctx.tr.locale },
      { slackWebUrl: slackEnabled(config) ? slackWebUrl(config) : undefined, commandName: config.DEALCLOCK_COMMAND, logger: ctx.logger },
      new Date(),
    );
    await writeTo(out, text);
    if (file) {
      await new Promise<void>((resolve, reject) => (out as NodeJS.WritableStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
      const events = text.split('\r\nBEGIN:VEVENT').length - 1;
      process.stdout.write(tr.text('cli.export_ics.done', { n: events, file }) + '\n');
    }
    return 0;
  },
};

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, options: { deal: { type: 'string' }, milestones: { type: 'boolean' } } });
}
