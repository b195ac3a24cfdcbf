import { phrase } from '../../i18n/error-message.ts';
import { changeStage } from '../../usecases/project-changes.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';
import { renderProject } from '../../replies/project-card.ts';

export const shortlist = defineSubcommand({
  name: 'shortlist',
  usage: 'shortlist <project>',
  summary: 'Stage shortlisted',
  examples: ['shortlist texas-gulflink'],
  mutates: true,
  options: [],
  async run(args, ctx) {
    const ref = requireWord(shortlist, args, 0, phrase('what.project'));
    refuseExtraWords(shortlist, args, 1);
    const { project } = await changeStage(ctx, ref, { to: 'shortlisted' });
    return renderProject(project, ctx, { lead: ctx.tr.mrkdwn('lead.shortlisted', { slug: project.slug }) });
  },
});
