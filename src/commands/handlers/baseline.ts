import { UserError } from '../../core/errors.ts';
import { mrkdwn, plain } from '../../core/mrkdwn.ts';
import { context, header, reply, section } from '../../replies/reply.ts';
import { categoryLabel } from '../../tariffs/model.ts';
import { MAX_NOTE, MAX_TEXT, parseReliability, parseSourceUrl, parseYear, validCategory } from '../../tariffs/inputs.ts';
import { validText } from '../../core/values.ts';
import { baselineLine } from '../../replies/tariffs.ts';
import { recordBaselines } from '../../usecases/tariff-updates.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { parseMoney } from '../../core/values.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

export const baseline = defineSubcommand({
  name: 'baseline',
  usage: 'baseline set <deal> <category> <amount> year=<year> source=<url> [basis="…"] [reliability=primary|reliable|weak] [note="…"]',
  summary: 'Record annual US imports for a deal and category (the value the exposure is computed on)',
  examples: [
    'baseline set JP all US$152.06bn year=2024 source=https://www.census.gov/foreign-trade/balance/c5880.html basis="general imports, customs value" reliability=primary',
    'baseline set JP autos 56bn year=2025 source=https://dataweb.usitc.gov/ basis="HS 87, customs value"',
  ],
  mutates: true,
  options: ['year', 'source', 'basis', 'reliability', 'note'],
  async run(args, ctx) {
    const verb = requireWord(baseline, args, 0, '`set`');
    if (verb.toLowerCase() !== 'set') throw new UserError('unexpected_argument', { subcommand: 'baseline', word: verb, usage: baseline.usage });
    const deal = validDeal(requireWord(baseline, args, 1, 'a deal (e.g. `JP`)'), await ctx.deals());
    const category = validCategory(requireWord(baseline, args, 2, 'a category (e.g. `all`, `autos`)'));
    const annualUsd = parseMoney(requireWord(baseline, args, 3, 'the annual import value (e.g. `152bn`)'));
    refuseExtraWords(baseline, args, 4);
    const need = (key: string, what: string) => {
      const v = args.options[key];
      if (v === undefined || v.trim() === '')
        throw new UserError('missing_argument', { subcommand: 'baseline set', what: `\`${key}=\` (${what})`, usage: baseline.usage });
      return v;
    };
    const year = parseYear(need('year', 'the calendar year the figure is for'), ctx.today);
    const sourceUrl = parseSourceUrl(need('source', 'an http(s) URL'));
    const [row] = await recordBaselines(ctx, [
      {
        dealCode: deal.code,
        category,
        annualUsd,
        year,
        basis: validText('basis', args.options.basis, MAX_TEXT),
        sourceUrl,
        reliability: parseReliability(args.options.reliability, 'reliable'),
        note: validText('note', args.options.note, MAX_NOTE),
      },
    ]);
    return reply(mrkdwn`Recorded: ${deal.code} ${category} baseline for ${year}`, [
      header(plain`Import baseline recorded — ${deal.code} ${categoryLabel(category)}`),
      section(mrkdwn`:pencil2: ${baselineLine(row!)}`),
      context(
        mrkdwn`Earlier baselines are kept; \`exposure\` uses the latest year not after its as-of date. A category baseline is taken out of the \`all\` row and taxed at its own regime. See \`tariffs ${deal.code}\`.`,
      ),
    ]);
  },
});
