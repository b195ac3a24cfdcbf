import { projectList } from '../../replies/project-list.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';
import { show } from './show.ts';

const LIMIT = 100;

export const status = defineSubcommand({
  name: 'status',
  usage: 'status [project] [deal=JP]',
  summary: 'Running clocks, overdue first, then soonest due; with a project, the same as `show`',
  examples: ['status', 'status deal=JP', 'status texas-gulflink'],
  mutates: false,
  options: ['deal'],
  async run(args, ctx) {
    if (args.words.length > 0 && !args.options.deal) return show.run(args, ctx);
    refuseExtraWords(status, args, 0);
    const deal = args.options.deal ? validDeal(args.options.deal, await ctx.deals()) : undefined;
    const { projects, total } = await ctx.store.projects.running(LIMIT, deal?.code);
    return projectList(projects, {
      tr: ctx.tr,
      title: ctx.tr.plain('status.title', { filter: deal ? ` — ${deal.code}` : '' }),
      total,
      offset: 0,
      today: ctx.today,
      deals: await ctx.deals(),
      registry: await ctx.calendars(),
      narrowHint: ctx.tr.mrkdwn('status.narrow'),
      empty: ctx.tr.mrkdwn('status.empty'),
    });
  },
});
