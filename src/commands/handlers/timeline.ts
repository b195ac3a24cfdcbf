import { projectList } from '../../replies/project-list.ts';
import { emptyTimelineReply, timelineReply } from '../../replies/timeline.ts';
import { mrkdwn, plain } from '../../core/mrkdwn.ts';
import { timelineWords } from '../../timeline/labels.ts';
import { renderTimeline } from '../../timeline/render.ts';
import { MAX_ROWS, timelineRows } from '../../timeline/rows.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';

export const timeline = defineSubcommand({
  name: 'timeline',
  usage: 'timeline [deal]',
  summary: 'A picture of the running clocks on a calendar: due dates, today, overdue in red',
  examples: ['timeline', 'timeline JP', 'timeline share'],
  mutates: false,
  options: ['deal'],
  async run(args, ctx) {
    refuseExtraWords(timeline, args, args.options.deal ? 0 : 1);
    const dealText = args.options.deal ?? args.words[0];
    const deals = await ctx.deals();
    const deal = dealText ? validDeal(dealText, deals) : undefined;
    const { projects, total } = await ctx.store.projects.running(MAX_ROWS, deal?.code);
    const registry = await ctx.calendars();
    const data = timelineRows({ projects, total, deals, registry, today: ctx.today, dealCode: deal?.code });
    const locale = ctx.tr.locale;
    if (data.rows.length === 0) return emptyTimelineReply(deal?.code, locale);
    const picture = await renderTimeline(data, { locale });
    const words = timelineWords(locale);
    // The text version: what `status` lists for the same clocks.
    const list = projectList(projects, {
      tr: ctx.tr,
      title: plain`${words.title(deal?.code)}`,
      total,
      offset: 0,
      today: ctx.today,
      deals,
      registry,
      narrowHint: ctx.tr.mrkdwn('status.narrow'),
      empty: mrkdwn`${words.empty(deal?.code)}`,
    });
    return timelineReply(picture, list, ctx.today, deal?.code, locale);
  },
});
