import { dataTextsAsOf } from '../../usecases/public-data/data-text.ts';
import type { Translator } from '../../i18n/translator.ts';
import { UserError } from '../../core/errors.ts';
import type { Deal, Project } from '../../domain/project.ts';
import { mrkdwn, type Mrkdwn } from '../../core/mrkdwn.ts';
import { capBlocks, context, divider, header, reply, section, type Reply } from '../../replies/reply.ts';
import { dealExposure, isScenario, type DealExposure } from '../../tariffs/exposure.ts';
import { describeScenario, parseScenario } from '../../tariffs/inputs.ts';
import { exposureBlocks } from '../../replies/tariffs.ts';
import { loadTariffData, stakeSentence } from '../../usecases/stake.ts';
import { findProject } from '../../usecases/find-project.ts';
import { parseDateValue } from '../../core/values.ts';
import { freshness, publicNote } from '../../replies/public-data.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';

export const exposure = defineSubcommand({
  name: 'exposure',
  usage: 'exposure [deal|project] [as_of=<date>] [threatened=…] [rate=<category>:<rate>] [mfn=…]',
  summary: 'Tariff exposure: the added duty a year if the snap-back rate were applied, with as-of dates and sources',
  examples: [
    'exposure',
    'exposure JP',
    'exposure texas-gulflink',
    'exposure KR as_of=2026-03-01',
    'exposure JP threatened=30%',
    'exposure JP rate=other:12% mfn=2%',
  ],
  mutates: false,
  options: ['as_of', 'threatened', 'rate', 'mfn'],
  async run(args, ctx) {
    refuseExtraWords(exposure, args, 1);
    const asOf = args.options.as_of === undefined ? ctx.today : parseDateValue(args.options.as_of, ctx.today);
    const scenario = parseScenario(args.options);
    const deals = await ctx.deals();
    const word = args.words[0];
    // `ＪＰ` typed in full width is the deal JP.
    const dealCode = word?.normalize('NFKC').toUpperCase();
    let project: Project | undefined;
    let selected: Deal[];
    if (word === undefined || dealCode === undefined) selected = [...deals.values()];
    else if (deals.has(dealCode)) selected = [deals.get(dealCode)!];
    else {
      project = await findProject(ctx.store, word);
      selected = [deals.get(project.dealCode)!];
    }

    const data = await loadTariffData(ctx.store, selected.length === 1 ? selected[0]!.code : undefined);
    const results = selected.map((d) => ({ deal: d, e: dealExposure(d.code, data.regimes, data.baselines, asOf, scenario) }));
    // A scenario rate for a category no answered deal has is a typo, not a no-op.
    const unknown = [...scenario.rates.keys()].filter((c) => results.every((r) => r.e.unusedRateOverrides.includes(c)));
    if (unknown.length) {
      const known = [...new Set(data.regimes.filter((r) => selected.some((d) => d.code === r.dealCode)).map((r) => r.category))];
      throw new UserError('invalid_value', {
        key: 'rate',
        value: args.options.rate,
        reason: ctx.tr.text('exposure.unknown_category', {
          unknown: unknown.map((c) => `\`${c}\``).join(ctx.tr.separator),
          known: known.map((c) => `\`${c}\``).join(ctx.tr.separator) || ctx.tr.text('tariffs.none_recorded'),
        }),
      });
    }

    const { tr } = ctx;
    const what = project ? project.name : selected.length === 1 ? selected[0]!.code : tr.text('tariffs.all_deals');
    const blocks = [header(tr.plain('exposure.title', { what, asOf: tr.date(asOf), scenario: isScenario(scenario) ? tr.text('exposure.scenario_mark') : '' }))];
    if (project) blocks.push(section(projectLead(ctx.tr, project, results[0]!.e)));
    const usesPack = results.some(({ e }) => e.regimesUsed.some((r) => r.packVersion) || e.baselinesUsed.some((b) => b.packVersion));
    const state = usesPack ? await ctx.store.publicData.state() : undefined;
    const text = await dataTextsAsOf(ctx.store, tr.locale, state);
    results.forEach(({ deal, e }, i) => {
      if (i > 0) blocks.push(divider());
      blocks.push(...exposureBlocks(tr, e, deal.partner, text));
    });
    const notes = [tr.mrkdwn('exposure.formula_note')];
    if (isScenario(scenario)) notes.push(tr.mrkdwn('exposure.scenario_note', { scenario: describeScenario(scenario) }));
    const fresh = state ? freshness(ctx.tr, state, ctx.today) : undefined;
    notes.push(...publicNote(ctx.tr, fresh));
    if (fresh?.warning) blocks.push(section(mrkdwn`:warning: ${fresh.warning}`));
    notes.push(tr.mrkdwn('exposure.tariffs_note'));
    blocks.push(context(...notes));
    return reply(
      fallback(
        tr,
        results.map((r) => r.e),
        asOf,
        project,
      ),
      capBlocks(blocks, (n) => tr.mrkdwn('tariffs.blocks_left_out', { n: String(n) })),
    ) satisfies Reply;
  },
});

function projectLead(tr: Translator, project: Project, e: DealExposure): Mrkdwn {
  const cost = project.costUsd === null ? tr.text('exposure.no_cost') : tr.money(project.costUsd);
  return tr.mrkdwn('exposure.project_lead', {
    name: project.name,
    slug: project.slug,
    stage: tr.text('stage.name', { stage: project.stage }),
    cost,
    stake: stakeSentence(tr, project, e),
  });
}

function fallback(tr: Translator, results: DealExposure[], asOf: string, project: Project | undefined): Mrkdwn {
  const parts = results.map((e) =>
    e.annualUsd === null
      ? tr.text('exposure.fallback_no_data', { deal: e.dealCode })
      : tr.text('exposure.fallback_part', { deal: e.dealCode, amount: tr.money(e.annualUsd) }),
  );
  return tr.mrkdwn('exposure.fallback', { prefix: project ? `${project.slug} — ` : '', asOf: tr.day(asOf), parts: parts.join(tr.text('tariffs.join')) });
}
