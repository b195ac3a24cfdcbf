/**
 * Loading a workspace's tariff data, and the one line of exposure that project cards show
 * (`decline`, `show`): what declining the project puts at stake.
 */
import { formatDate, type CivilDate } from '../core/civil-date.ts';
import { mrkdwn, type Mrkdwn } from '../core/mrkdwn.ts';
import type { CommandContext } from './context.ts';
import { formatMoney } from '../core/values.ts';
import type { Store } from '../db/store.ts';
import type { Project } from '../domain/project.ts';
import { dealExposure, projectStake, ratioPhrase, threatenedPhrase, type DealExposure, type Scenario } from '../tariffs/exposure.ts';
import { visibleRegimes, type ImportBaseline, type TariffRegime } from '../tariffs/model.ts';

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
export function stakeSentence(project: Pick<Project, 'slug' | 'stage' | 'costUsd'>, e: DealExposure): Mrkdwn {
  const stake = projectStake(e, project.costUsd);
  if (!stake)
    return mrkdwn`No tariff exposure figure for deal ${e.dealCode} as of ${formatDate(e.asOf)}: ${e.noDataReason ?? 'no data recorded'}. See \`tariffs ${e.dealCode}\`.`;
  const lead = project.stage === 'declined' ? 'This decline puts at stake' : 'Declining it would put at stake';
  const cost = project.costUsd ? ` — ${ratioPhrase(stake.ratio!)} (${formatMoney(project.costUsd)}) every year` : '';
  const caveat = e.warnings.length ? `; ${e.warnings.length} data warning${e.warnings.length === 1 ? '' : 's'}` : '';
  return mrkdwn`${lead} about *${formatMoney(stake.annualUsd)} a year* in added duty on ${e.dealCode} imports if the snap-back (${threatenedPhrase(e)}) is applied${cost} (as of ${formatDate(e.asOf)}${caveat}; sources and details: \`exposure ${project.slug}\`).`;
}

/**
 * One line for a project card. A failure to read tariff data must not turn a committed
 * decline into an error reply, so it is logged and the line says the figure is missing.
 */
export async function exposureLine(ctx: CommandContext, project: Project, asOf: CivilDate): Promise<Mrkdwn> {
  try {
    return stakeSentence(project, await exposureFor(ctx.store, project.dealCode, asOf));
  } catch (err) {
    ctx.logger.error('exposure line failed', { workspace: ctx.workspaceId, project: project.id, error: err });
    return mrkdwn`The tariff exposure could not be read just now; try \`exposure ${project.slug}\`.`;
  }
}
