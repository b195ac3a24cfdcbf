/**
 * Loading a workspace's tariff data, and the one line of exposure that project cards show
 * (`decline`, `show`): what declining the project puts at stake.
 */
import type { CivilDate } from '../core/civil-date.ts';
import type { Mrkdwn } from '../core/mrkdwn.ts';
import type { Translator } from '../i18n/translator.ts';
import type { CommandContext } from './context.ts';
import type { Store } from '../db/store.ts';
import type { Project } from '../domain/project.ts';
import { dealExposure, projectStake, threatenedPhrase, type DealExposure, type Scenario } from '../tariffs/exposure.ts';
import { visibleRegimes, type ImportBaseline, type TariffRegime } from '../tariffs/model.ts';
import { noDataText } from '../tariffs/words.ts';

export interface TariffData {
  regimes: TariffRegime[];
  baselines: ImportBaseline[];
}

/** What this workspace sees: built-in rows (ended where its own rows take over) plus its own. */
export async function loadTariffData(store: Store, dealCode?: string): Promise<TariffData> {
  const [regimes, baselines] = await Promise.all([store.tariffs.regimes(dealCode), store.tariffs.baselines(dealCode)]);
  return { regimes: visibleRegimes(regimes), baselines };
}

export async function exposureFor(store: Store, dealCode: string, asOf: CivilDate, scenario?: Scenario): Promise<DealExposure> {
  const data = await loadTariffData(store, dealCode);
  return dealExposure(dealCode, data.regimes, data.baselines, asOf, scenario);
}

/** The stake sentence for a project, from an exposure already computed. */
export function stakeSentence(tr: Translator, project: Pick<Project, 'slug' | 'stage' | 'costUsd'>, e: DealExposure): Mrkdwn {
  const stake = projectStake(e, project.costUsd);
  if (!stake)
    return tr.mrkdwn('stake.none', {
      deal: e.dealCode,
      asOf: tr.date(e.asOf),
      reason: e.noDataReason ? noDataText(tr, e.noDataReason) : tr.text('stake.no_data'),
    });
  const ratio = stake.ratio!;
  const cost = project.costUsd
    ? tr.text('stake.cost', {
        ratio: ratio >= 1 ? tr.text('stake.times', { x: String(Math.round(ratio * 10) / 10) }) : tr.text('stake.percent', { p: String(ratioPercent(ratio)) }),
        cost: tr.money(project.costUsd),
      })
    : '';
  const caveat = e.warnings.length ? tr.text('stake.warnings', { count: e.warnings.length }) : '';
  return tr.mrkdwn('stake.line', {
    stage: project.stage === 'declined' ? 'declined' : 'other',
    amount: tr.money(stake.annualUsd),
    deal: e.dealCode,
    rate: threatenedPhrase(e),
    cost,
    asOf: tr.date(e.asOf),
    caveat,
    slug: project.slug,
  });
}

/** A small but non-zero stake must not read as 0%. */
function ratioPercent(ratio: number): number {
  return ratio > 0 ? Math.max(1, Math.round(ratio * 100)) : 0;
}

/**
 * One line for a project card. A failure to read tariff data must not turn a committed
 * decline into an error reply, so it is logged and the line says the figure is missing.
 */
export async function exposureLine(ctx: CommandContext, project: Project, asOf: CivilDate): Promise<Mrkdwn> {
  try {
    return stakeSentence(ctx.tr, project, await exposureFor(ctx.store, project.dealCode, asOf));
  } catch (err) {
    ctx.logger.error('exposure line failed', { workspace: ctx.workspaceId, project: project.id, error: err });
    return ctx.tr.mrkdwn('stake.unreadable', { slug: project.slug });
  }
}
