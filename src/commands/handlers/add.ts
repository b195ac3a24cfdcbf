import { phrase } from '../../i18n/error-message.ts';
import { UserError } from '../../core/errors.ts';
import { addProject } from '../../usecases/project-changes.ts';
import { defineSubcommand } from '../subcommand.ts';
import { renderProject } from '../../replies/project-card.ts';

export const add = defineSubcommand({
  name: 'add',
  usage: 'add <name> [deal=JP] [cost=…] [sector=…] [sponsor=…] [location=…] [announced=<date>] [channel=#…] [slug=…] [calendar=…]',
  summary: 'A new project, stage candidate',
  examples: [
    'add "Texas GulfLink" deal=JP cost=2.1B sector=energy sponsor="Sentinel Midstream" location="Brazoria County, TX"',
    'add "Portsmouth Powered Land" cost=US$33bn channel=#japan-deals',
  ],
  mutates: true,
  options: ['deal', 'cost', 'sector', 'sponsor', 'location', 'announced', 'channel', 'slug', 'calendar'],
  async run(args, ctx) {
    if (args.words.length === 0) throw new UserError('missing_argument', { subcommand: 'add', what: phrase('what.name'), usage: add.usage });
    const project = await addProject(ctx, args.words.join(' '), args.options);
    return renderProject(project, ctx, { lead: ctx.tr.mrkdwn('lead.added', { slug: project.slug }) });
  },
});
