import { dataTextsAsOf } from '../../usecases/public-data/data-text.ts';
import { joinMrkdwn, mrkdwn } from '../../core/mrkdwn.ts';
import { capBlocks, context, header, reply, section, type Reply } from '../../replies/reply.ts';
import { baselineAsOf, currentRate, regimeInForce } from '../../tariffs/model.ts';
import { categoryName } from '../../tariffs/words.ts';
import { baselineLine, regimeLine } from '../../replies/tariffs.ts';
import { loadTariffData } from '../../usecases/stake.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { parseDateValue } from '../../core/values.ts';
import { freshness, publicNote } from '../../replies/public-data.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';

export const tariffs = defineSubcommand({
  name: 'tariffs',
  usage: 'tariffs [deal] [as_of=<date>]',
  summary: 'Tariff regimes by category with their history and sources, and the import baselines',
  examples: ['tariffs', 'tariffs JP', 'tariffs KR as_of=2026-01-15'],
  mutates: false,
  options: ['as_of'],
  async run(args, ctx) {
    refuseExtraWords(tariffs, args, 1);
    const asOf = args.options.as_of === undefined ? ctx.today : parseDateValue(args.options.as_of, ctx.today);
    const deals = await ctx.deals();
    const selected = args.words[0] === undefined ? [...deals.values()] : [validDeal(args.words[0], deals)];
    const data = await loadTariffData(ctx.store, selected.length === 1 ? selected[0]!.code : undefined);
    const usesPack = data.regimes.some((r) => r.packVersion) || data.baselines.some((b) => b.packVersion);
    const state = usesPack ? await ctx.store.publicData.state() : undefined;
    const fresh = state ? freshness(ctx.tr, state, ctx.today) : undefined;

    const { tr } = ctx;
    const blocks = [header(tr.plain('tariffs.title', { what: selected.length === 1 ? selected[0]!.code : tr.text('tariffs.all_deals'), asOf: tr.date(asOf) }))];
    const summary: string[] = [];
    const text = await dataTextsAsOf(ctx.store, tr.locale, state);
    for (const deal of selected) {
      const regimes = data.regimes.filter((r) => r.dealCode === deal.code);
      const baselines = data.baselines.filter((b) => b.dealCode === deal.code);
      const categories = [...new Set(regimes.map((r) => r.category))].sort();
      const partner = tr.text('deal.partner', { code: deal.code, partner: deal.partner });
      if (categories.length === 0 && baselines.length === 0) {
        blocks.push(section(tr.mrkdwn('tariffs.no_data', { code: deal.code, partner })));
        summary.push(tr.text('tariffs.summary_no_data', { code: deal.code }));
        continue;
      }
      blocks.push(section(tr.mrkdwn('tariffs.deal_heading', { code: deal.code, partner })));
      for (const category of categories) {
        const lookup = regimeInForce(regimes, deal.code, category, asOf);
        const lines = regimes
          .filter((r) => r.category === category)
          .reverse()
          .map((r) => {
            const mark =
              lookup.status !== 'none' && lookup.regime.id === r.id
                ? tr.text(lookup.status === 'in_force' ? 'tariffs.mark_in_force' : 'tariffs.mark_latest_ended')
                : '';
            return mrkdwn`• ${mark}${regimeLine(tr, r, text)}`;
          });
        let status: string;
        const date = tr.date(asOf);
        if (lookup.status === 'in_force') status = tr.text('tariffs.status_in_force', { date, rate: tr.percent(currentRate(lookup.regime)) });
        else if (lookup.status === 'ended') status = tr.text('tariffs.status_ended', { date, ended: tr.date(lookup.regime.effectiveTo!) });
        else if (lookup.next) status = tr.text('tariffs.status_not_yet', { date, from: tr.date(lookup.next.effectiveFrom) });
        else status = tr.text('tariffs.status_none', { date });
        blocks.push(section(tr.mrkdwn('tariffs.category_section', { label: categoryName(tr, category), category, status, lines: joinMrkdwn(lines, '\n') })));
        summary.push(tr.text('tariffs.summary_item', { code: deal.code, category, status: status.replace(':warning: ', '') }));
      }
      const baselineCategories = [...new Set(baselines.map((b) => b.category))].sort();
      const used = new Set(baselineCategories.map((c) => baselineAsOf(baselines, deal.code, c, asOf)?.id));
      const lines = [...baselines].reverse().map((b) => mrkdwn`• ${used.has(b.id) ? tr.text('tariffs.mark_used') : ''}${baselineLine(tr, b, text)}`);
      blocks.push(
        section(
          tr.mrkdwn('tariffs.baselines_section', {
            categories: baselineCategories.join(`\`${tr.separator}\``) || tr.text('tariffs.none'),
            lines: lines.length ? joinMrkdwn(lines, '\n') : tr.text('tariffs.none_recorded'),
          }),
        ),
      );
    }
    blocks.push(context(tr.mrkdwn('tariffs.rates_note'), ...publicNote(tr, fresh)));
    if (fresh?.warning) blocks.splice(1, 0, section(mrkdwn`:warning: ${fresh.warning}`));
    return reply(
      tr.mrkdwn('tariffs.fallback', { asOf: tr.day(asOf), summary: summary.join(tr.text('tariffs.join')) }),
      capBlocks(blocks, (n) => tr.mrkdwn('tariffs.blocks_left_out', { n: String(n) })),
    ) satisfies Reply;
  },
});
