import { phrase } from '../../i18n/error-message.ts';
import { editProject } from '../../usecases/project-changes.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';
import { renderProject } from '../../replies/project-card.ts';

export const edit = defineSubcommand({
  name: 'edit',
  usage: 'edit <project> key=value… (name, slug, deal, cost, sector, sponsor, location, announced, channel, calendar, notice, due)',
  summary: 'Change fields (not the stage); an empty value clears a field',
  examples: ['edit texas-gulflink cost=2.3B', 'edit texas sponsor="Sentinel Midstream" location=""', 'edit texas-gulflink notice=2026-02-18'],
  mutates: true,
  options: ['name', 'slug', 'deal', 'cost', 'sector', 'sponsor', 'location', 'announced', 'channel', 'calendar', 'notice', 'due'],
  async run(args, ctx) {
    const ref = requireWord(edit, args, 0, phrase('what.project'));
    refuseExtraWords(edit, args, 1);
    const { project, changed } = await editProject(ctx, ref, args.options);
    return renderProject(project, ctx, { lead: ctx.tr.mrkdwn('lead.updated', { slug: project.slug, fields: ctx.tr.list(changed) }) });
  },
});
