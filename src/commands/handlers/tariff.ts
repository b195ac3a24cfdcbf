import { UserError } from '../../core/errors.ts';
import { phrase } from '../../i18n/error-message.ts';
import type { MessageKey } from '../../i18n/translator.ts';
import { mrkdwn } from '../../core/mrkdwn.ts';
import { context, header, reply, section } from '../../replies/reply.ts';
import { usesMfn } from '../../tariffs/model.ts';
import { categoryName } from '../../tariffs/words.ts';
import { parseCurrentRate, parseReliability, parseSourceUrl, percent, validCategory, MAX_NOTE, MAX_TEXT } from '../../tariffs/inputs.ts';
import { validText } from '../../core/values.ts';
import { period, regimeLine } from '../../replies/tariffs.ts';
import { recordRegime } from '../../usecases/tariff-updates.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { parseDateValue } from '../../core/values.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

export const tariff = defineSubcommand({
  name: 'tariff',
  usage:
    'tariff set <deal> <category> current=<rate|MFN+x%|max(MFN,x%)> threatened=<rate> basis="…" from=<date> source=<url> [to=<date>] [mfn=<rate> mfn_source="…"] [reliability=primary|reliable|weak] [note="…"]',
  summary: 'Record a new tariff regime for a deal and category; the open one ends the day before (history is kept)',
  examples: [
    'tariff set JP autos current=15% threatened=25% basis="Section 232, 15% all-inclusive" from=2025-09-16 source=https://www.govinfo.gov/content/pkg/FR-2025-09-16/html/2025-17908.htm reliability=primary',
    'tariff set JP other current=MFN+10% mfn=3.3% mfn_source="WTO tariff profile, simple average" threatened=25% basis="Section 122 surcharge" from=2026-02-24 to=2026-07-24 source=https://example.gov/notice',
    'tariff set KR other current=max(MFN,12.5%) mfn=3.3% mfn_source="WTO tariff profile, simple average" threatened=25% basis="Section 301 (forced labour), 12.5% net of MFN" from=2026-07-24 source=https://www.federalregister.gov/d/2026-15181 reliability=primary',
  ],
  mutates: true,
  options: ['current', 'threatened', 'basis', 'from', 'to', 'source', 'mfn', 'mfn_source', 'reliability', 'note'],
  async run(args, ctx) {
    const verb = requireWord(tariff, args, 0, '`set`');
    if (verb.toLowerCase() !== 'set') throw new UserError('unexpected_argument', { subcommand: 'tariff', word: verb, usage: tariff.usage });
    const deal = validDeal(requireWord(tariff, args, 1, phrase('tariffs.what_deal')), await ctx.deals());
    const category = validCategory(requireWord(tariff, args, 2, phrase('tariffs.what_regime_category')));
    refuseExtraWords(tariff, args, 3);
    const need = (key: string, what: MessageKey) => {
      const v = args.options[key];
      if (v === undefined || v.trim() === '')
        throw new UserError('missing_argument', {
          subcommand: 'tariff set',
          what: ctx.tr.text('tariffs.what_option', { key, what: ctx.tr.text(what) }),
          usage: tariff.usage,
        });
      return v;
    };
    const current = parseCurrentRate(need('current', 'tariffs.what_current'));
    const threatened = percent('threatened', need('threatened', 'tariffs.what_threatened'));
    const legalBasis = validText('basis', need('basis', 'tariffs.what_basis'), MAX_TEXT)!;
    const from = parseDateValue(need('from', 'tariffs.what_from'), ctx.today);
    const to = args.options.to === undefined || args.options.to.trim() === '' ? null : parseDateValue(args.options.to, ctx.today);
    const sourceUrl = parseSourceUrl(need('source', 'tariffs.what_source'));
    let assumedMfnRate: number | null = null;
    let mfnSource: string | null = null;
    if (usesMfn(current.kind)) {
      assumedMfnRate = percent('mfn', need('mfn', 'tariffs.what_mfn'));
      mfnSource = validText('mfn_source', args.options.mfn_source, 1000) ?? `Assumption recorded by ${ctx.actor.userId} with this regime; no source given.`;
    } else if (args.options.mfn !== undefined || args.options.mfn_source !== undefined) {
      throw new UserError('invalid_value', {
        key: 'mfn',
        value: args.options.mfn ?? args.options.mfn_source,
        reason: phrase('tariffs.mfn_only_with'),
      });
    }
    const { regime, closed } = await recordRegime(ctx, {
      dealCode: deal.code,
      category,
      rateKind: current.kind,
      rate: current.rate,
      assumedMfnRate,
      mfnSource,
      threatenedRate: threatened,
      legalBasis,
      effectiveFrom: from,
      effectiveTo: to,
      sourceUrl,
      reliability: parseReliability(args.options.reliability, 'reliable'),
      note: validText('note', args.options.note, MAX_NOTE),
    });
    const { tr } = ctx;
    const closedLine = closed
      ? closed.builtIn
        ? tr.mrkdwn('tariffs.closed_built_in', {
            period: period(tr, { effectiveFrom: closed.effectiveFrom, effectiveTo: null }),
            date: tr.date(closed.effectiveTo!),
          })
        : tr.mrkdwn('tariffs.closed_previous', { date: tr.date(closed.effectiveTo!) })
      : tr.mrkdwn('tariffs.closed_none');
    return reply(tr.mrkdwn('tariffs.recorded_fallback', { code: deal.code, category, from: tr.day(from) }), [
      header(tr.plain('tariffs.recorded_title', { code: deal.code, label: categoryName(tr, category) })),
      section(mrkdwn`:pencil2: ${regimeLine(tr, regime)}`),
      section(closedLine),
      context(
        tr.mrkdwn('tariffs.recorded_note', {
          code: deal.code,
          reliability: args.options.reliability === undefined ? tr.text('tariffs.reliability_default') : '',
        }),
      ),
    ]);
  },
});
