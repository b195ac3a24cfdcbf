import { phrase } from '../../i18n/error-message.ts';
import { exposureLine } from '../../usecases/stake.ts';
import { changeStage } from '../../usecases/project-changes.ts';
import { parseDateValue } from '../../core/values.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';
import { renderProject } from '../../replies/project-card.ts';

export const decline = defineSubcommand({
  name: 'decline',
  usage: 'decline <project> [on=<date>] [reason=…]',
  summary: 'Stage declined: stops the clock and shows the tariff exposure this triggers',
  examples: ['decline texas-gulflink reason="offtake risk"', 'decline #3 on=2026-04-22'],
  mutates: true,
  options: ['on', 'reason'],
  async run(args, ctx) {
    const ref = requireWord(decline, args, 0, phrase('what.project'));
    refuseExtraWords(decline, args, 1);
    const on = args.options.on === undefined ? ctx.today : parseDateValue(args.options.on, ctx.today);
    const { project, warnings } = await changeStage(ctx, ref, { to: 'declined', on, reason: args.options.reason });
    // What the decline puts at stake is measured on the day it takes effect.
    const stake = await exposureLine(ctx, project, on);
    return renderProject(project, ctx, { lead: ctx.tr.mrkdwn('lead.declined', { slug: project.slug }), warnings, exposureLine: stake });
  },
});
