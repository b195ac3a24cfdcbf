import { phrase } from '../../i18n/error-message.ts';
import { changeStage } from '../../usecases/project-changes.ts';
import { parseDateValue, parseMoney } from '../../core/values.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';
import { renderProject } from '../../replies/project-card.ts';

export const fund = defineSubcommand({
  name: 'fund',
  usage: 'fund <project> [on=<date>] [amount=…]',
  summary: 'Stage funded: stops the clock',
  examples: ['fund texas-gulflink', 'fund texas on=2026-04-20 amount=2.1B'],
  mutates: true,
  options: ['on', 'amount'],
  async run(args, ctx) {
    const ref = requireWord(fund, args, 0, phrase('what.project'));
    refuseExtraWords(fund, args, 1);
    const on = args.options.on === undefined ? ctx.today : parseDateValue(args.options.on, ctx.today);
    const amount = args.options.amount === undefined ? null : parseMoney(args.options.amount);
    const { project, warnings } = await changeStage(ctx, ref, { to: 'funded', on, amountUsd: amount });
    return renderProject(project, ctx, { lead: ctx.tr.mrkdwn('lead.funded', { slug: project.slug }), warnings });
  },
});
