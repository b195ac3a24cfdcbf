import { formatDate } from '../../core/civil-date.ts';
import type { Translator } from '../../i18n/translator.ts';
import { UserError } from '../../core/errors.ts';
import type { Deal, Project } from '../../domain/project.ts';
import { mrkdwn, plain, type Mrkdwn } from '../../core/mrkdwn.ts';
import { capBlocks, context, divider, header, reply, section, type Reply } from '../../replies/reply.ts';
import { formatMoney } from '../../core/values.ts';
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
        reason: `no regime has the category ${unknown.map((c) => `\`${c}\``).join(', ')}. Categories: ${known.map((c) => `\`${c}\``).join(', ') || 'none recorded'}.`,
      });
    }

    const what = project ? project.name : selected.length === 1 ? selected[0]!.code : 'all deals';
    const blocks = [header(plain`Tariff exposure — ${what}, as of ${formatDate(asOf)}${isScenario(scenario) ? ' (scenario)' : ''}`)];
    if (project) blocks.push(section(projectLead(ctx.tr, project, results[0]!.e)));
    results.forEach(({ deal, e }, i) => {
      if (i > 0) blocks.push(divider());
      blocks.push(...exposureBlocks(e, deal.partner));
    });
    const notes = [
      mrkdwn`Exposure = Σ over categories of import value × max(0, threatened − current): the added duty a year if the snap-back rate were applied, since declining to fund is what triggers it.`,
    ];
    if (isScenario(scenario)) notes.push(mrkdwn`Scenario \`${describeScenario(scenario)}\`: inputs changed for this answer only; nothing was saved.`);
    const usesPack = results.some(({ e }) => e.regimesUsed.some((r) => r.packVersion) || e.baselinesUsed.some((b) => b.packVersion));
    const fresh = usesPack ? freshness(ctx.tr, await ctx.store.publicData.state(), ctx.today) : undefined;
    notes.push(...publicNote(ctx.tr, fresh));
    if (fresh?.warning) blocks.push(section(mrkdwn`:warning: ${fresh.warning}`));
    notes.push(mrkdwn`\`tariffs [deal]\` lists every recorded regime with its history.`);
    blocks.push(context(...notes));
    return reply(
      fallback(
        results.map((r) => r.e),
        asOf,
        project,
      ),
      capBlocks(blocks, (n) => mrkdwn`${n} more block(s) left out; ask for one deal.`),
    ) satisfies Reply;
  },
});

function projectLead(tr: Translator, project: Project, e: DealExposure): Mrkdwn {
  const cost = project.costUsd === null ? 'no cost recorded' : formatMoney(project.costUsd);
  return mrkdwn`*${project.name}* (\`${project.slug}\`, ${project.stage}, ${cost}): ${stakeSentence(tr, project, e)}`;
}

function fallback(results: DealExposure[], asOf: string, project: Project | undefined): Mrkdwn {
  const parts = results.map((e) => `${e.dealCode}: ${e.annualUsd === null ? 'no data' : `${formatMoney(e.annualUsd)} a year`}`);
  return mrkdwn`${project ? `${project.slug} — ` : ''}Tariff exposure as of ${asOf}: ${parts.join('; ')}`;
}
