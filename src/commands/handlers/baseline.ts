import { UserError } from '../../core/errors.ts';
import { phrase } from '../../i18n/error-message.ts';
import type { MessageKey } from '../../i18n/translator.ts';
import { mrkdwn } from '../../core/mrkdwn.ts';
import { context, header, reply, section } from '../../replies/reply.ts';
import { categoryName } from '../../tariffs/words.ts';
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
    const deal = validDeal(requireWord(baseline, args, 1, phrase('tariffs.what_deal')), await ctx.deals());
    const category = validCategory(requireWord(baseline, args, 2, phrase('tariffs.what_baseline_category')));
    const annualUsd = parseMoney(requireWord(baseline, args, 3, phrase('tariffs.what_amount')));
    refuseExtraWords(baseline, args, 4);
    const need = (key: string, what: MessageKey) => {
      const v = args.options[key];
      if (v === undefined || v.trim() === '')
        throw new UserError('missing_argument', {
          subcommand: 'baseline set',
          what: ctx.tr.text('tariffs.what_option', { key, what: ctx.tr.text(what) }),
          usage: baseline.usage,
        });
      return v;
    };
    const year = parseYear(need('year', 'tariffs.what_year'), ctx.today);
    const sourceUrl = parseSourceUrl(need('source', 'tariffs.what_source'));
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
    const { tr } = ctx;
    return reply(tr.mrkdwn('tariffs.baseline_fallback', { code: deal.code, category, year: String(year) }), [
      header(tr.plain('tariffs.baseline_title', { code: deal.code, label: categoryName(tr, category) })),
      section(mrkdwn`:pencil2: ${baselineLine(tr, row!)}`),
      context(tr.mrkdwn('tariffs.baseline_note', { code: deal.code })),
    ]);
  },
});
