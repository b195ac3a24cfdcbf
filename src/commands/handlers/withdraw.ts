import { phrase } from '../../i18n/error-message.ts';
import { changeStage } from '../../usecases/project-changes.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';
import { renderProject } from '../../replies/project-card.ts';

export const withdraw = defineSubcommand({
  name: 'withdraw',
  usage: 'withdraw <project> [reason=…]',
  summary: 'Stage withdrawn (from candidate, shortlisted or selected)',
  examples: ['withdraw texas-gulflink reason="sponsor pulled out"'],
  mutates: true,
  options: ['reason'],
  async run(args, ctx) {
    const ref = requireWord(withdraw, args, 0, phrase('what.project'));
    refuseExtraWords(withdraw, args, 1);
    const { project } = await changeStage(ctx, ref, { to: 'withdrawn', on: ctx.today, reason: args.options.reason });
    return renderProject(project, ctx, { lead: ctx.tr.mrkdwn('lead.withdrawn', { slug: project.slug }) });
  },
});
