import { phrase } from '../../i18n/error-message.ts';
import { UserError } from '../../core/errors.ts';
import { foldValue } from '../../core/japanese-input.ts';
import { STAGES, type Stage } from '../../domain/project.ts';
import { projectList } from '../../replies/project-list.ts';
import { freshness } from '../../replies/public-data.ts';
import { publicProjectIds } from '../../usecases/public-data/project-record.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';

export const PAGE_SIZE = 100;

export const list = defineSubcommand({
  name: 'list',
  usage: 'list [stage] [deal=JP] [page=N]',
  summary: 'Projects, one line each (stage: candidate, shortlisted, selected, funded, declined, withdrawn, open, closed)',
  examples: ['list', 'list selected', 'list deal=KR', 'list candidate deal=JP page=2'],
  mutates: false,
  options: ['deal', 'page'],
  async run(args, ctx) {
    refuseExtraWords(list, args, 1);
    const stages = stageFilter(args.words[0]);
    const deal = args.options.deal ? validDeal(args.options.deal, await ctx.deals()) : undefined;
    const invalidPage = () => new UserError('invalid_value', { key: 'page', value: args.options.page, reason: phrase('reason.page') });
    const page = args.options.page === undefined ? 1 : Number(foldValue(args.options.page, invalidPage));
    if (!Number.isInteger(page) || page < 1 || page > 100_000) throw invalidPage();
    const { projects, total } = await ctx.store.projects.list({ stages, dealCode: deal?.code, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const filterText = [args.words[0], deal ? `deal=${deal.code}` : undefined].filter(Boolean).join(' ');
    const publicIds = await publicProjectIds(
      ctx.store,
      projects.map((p) => p.id),
    );
    const fresh = publicIds.size ? freshness(ctx.tr, await ctx.store.publicData.state(), ctx.today) : undefined;
    return projectList(projects, {
      tr: ctx.tr,
      publicIds,
      publicNote: fresh?.line,
      publicWarning: fresh?.warning,
      title: ctx.tr.plain('list.title', { filter: filterText ? ` — ${filterText}` : '' }),
      total,
      offset: (page - 1) * PAGE_SIZE,
      today: ctx.today,
      deals: await ctx.deals(),
      registry: await ctx.calendars(),
      narrowHint: ctx.tr.mrkdwn('list.narrow', { next: `list ${filterText ? filterText + ' ' : ''}page=${page + 1}` }),
      empty: total === 0 && !filterText ? ctx.tr.mrkdwn('list.empty') : ctx.tr.mrkdwn('list.no_match'),
    });
  },
});

function stageFilter(word: string | undefined): Stage[] | undefined {
  if (word === undefined || word === 'all') return undefined;
  const w = word.toLowerCase();
  if (w === 'open') return ['candidate', 'shortlisted', 'selected'];
  if (w === 'closed') return ['funded', 'declined', 'withdrawn'];
  if (w === 'running' || w === 'overdue') return ['selected'];
  if ((STAGES as readonly string[]).includes(w)) return [w as Stage];
  throw new UserError('unknown_stage', { value: word.slice(0, 40), allowed: [...STAGES, 'open', 'closed', 'all'].join(', ') });
}
