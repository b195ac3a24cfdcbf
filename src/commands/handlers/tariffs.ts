import { formatDate } from '../../core/civil-date.ts';
import { joinMrkdwn, mrkdwn, plain } from '../../core/mrkdwn.ts';
import { capBlocks, context, header, reply, section, type Reply } from '../../replies/reply.ts';
import { formatPercent } from '../../core/values.ts';
import { baselineAsOf, categoryLabel, currentRate, regimeInForce } from '../../tariffs/model.ts';
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
    const fresh = usesPack ? freshness(ctx.tr, await ctx.store.publicData.state(), ctx.today) : undefined;

    const blocks = [header(plain`Tariff regimes — ${selected.length === 1 ? selected[0]!.code : 'all deals'}, as of ${formatDate(asOf)}`)];
    const summary: string[] = [];
    for (const deal of selected) {
      const regimes = data.regimes.filter((r) => r.dealCode === deal.code);
      const baselines = data.baselines.filter((b) => b.dealCode === deal.code);
      const categories = [...new Set(regimes.map((r) => r.category))].sort();
      if (categories.length === 0 && baselines.length === 0) {
        blocks.push(section(mrkdwn`*${deal.code} — ${deal.partner}*: no tariff data recorded.`));
        summary.push(`${deal.code}: no data`);
        continue;
      }
      blocks.push(section(mrkdwn`*${deal.code} — ${deal.partner}*`));
      for (const category of categories) {
        const lookup = regimeInForce(regimes, deal.code, category, asOf);
        const lines = regimes
          .filter((r) => r.category === category)
          .reverse()
          .map((r) => {
            const mark =
              lookup.status !== 'none' && lookup.regime.id === r.id ? (lookup.status === 'in_force' ? '▶ *in force* · ' : '▶ *latest, ended* · ') : '';
            return mrkdwn`• ${mark}${regimeLine(r)}`;
          });
        let status: string;
        if (lookup.status === 'in_force') status = `in force on ${formatDate(asOf)}: ${formatPercent(currentRate(lookup.regime))}`;
        else if (lookup.status === 'ended')
          status = `:warning: no regime covers ${formatDate(asOf)}; the latest ended on ${formatDate(lookup.regime.effectiveTo!)}`;
        else if (lookup.next) status = `not in force yet on ${formatDate(asOf)}: the first regime starts on ${formatDate(lookup.next.effectiveFrom)}`;
        else status = `:warning: no regime covers ${formatDate(asOf)}`;
        blocks.push(section(mrkdwn`*${categoryLabel(category)}* (\`${category}\`) — ${status}; newest first\n${joinMrkdwn(lines, '\n')}`));
        summary.push(`${deal.code} ${category}: ${status.replace(':warning: ', '')}`);
      }
      const baselineCategories = [...new Set(baselines.map((b) => b.category))].sort();
      const used = new Set(baselineCategories.map((c) => baselineAsOf(baselines, deal.code, c, asOf)?.id));
      const lines = [...baselines].reverse().map((b) => mrkdwn`• ${used.has(b.id) ? '▶ *used* · ' : ''}${baselineLine(b)}`);
      blocks.push(
        section(mrkdwn`*Import baselines* (\`${baselineCategories.join('`, `') || 'none'}\`)\n${lines.length ? joinMrkdwn(lines, '\n') : 'none recorded'}`),
      );
    }
    blocks.push(
      context(
        mrkdwn`Rates in % of customs value. "MFN + x" regimes add x to an assumed average MFN rate, and "max(MFN, x)" ones raise the total to at least x; the assumed MFN rate is named in \`exposure\`. History is kept: a new regime (\`tariff set\`) ends the open one the day before it starts.`,
        ...publicNote(ctx.tr, fresh),
      ),
    );
    if (fresh?.warning) blocks.splice(1, 0, section(mrkdwn`:warning: ${fresh.warning}`));
    return reply(
      mrkdwn`Tariff regimes as of ${asOf}: ${summary.join('; ')}`,
      capBlocks(blocks, (n) => mrkdwn`${n} more block(s) left out; ask for one deal.`),
    ) satisfies Reply;
  },
});
