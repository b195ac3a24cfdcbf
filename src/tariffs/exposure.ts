/**
 * Tariff exposure, pure: the added duty a year if the snap-back rate were applied,
 *
 *   exposure(deal, date) = Σ over categories of import value × max(0, threatened − current)
 *
 * computed from the regimes and baselines it is given, "as of" the date it is given. It
 * never reads the clock or the database, so every answer can be reproduced from its rows.
 *
 * How categories meet: a baseline row is taxed at the regime of its own category. The
 * seed has no category split of imports, only one "all goods" row per deal; that row is
 * taxed at the "other goods" regime (the rate for goods without a regime of their own),
 * after taking out any category that has its own baseline. A category with a regime but
 * no baseline of its own (autos, in the seed) is therefore inside the all-goods row at the
 * other-goods rate, and every answer says so rather than inventing a split.
 */
import { yearOf, type CivilDate } from '../core/civil-date.ts';
import { formatPercent } from '../core/values.ts';
import {
  ALL_GOODS,
  baselineAsOf,
  currentRate,
  OTHER_GOODS,
  regimeInForce,
  usesMfn,
  type ImportBaseline,
  type RegimeLookup,
  type TariffRegime,
} from './model.ts';

/** Inputs changed for one answer and never saved. */
export interface Scenario {
  /** Replaces every category's threatened rate. */
  threatened?: number;
  /** Category → current rate, replacing the regime's (flat, MFN included). */
  rates: ReadonlyMap<string, number>;
  /** Replaces the assumed average MFN rate of every "MFN + x" and "max(MFN, x)" regime. */
  mfn?: number;
}

export const NO_SCENARIO: Scenario = { rates: new Map() };

export function isScenario(s: Scenario): boolean {
  return s.threatened !== undefined || s.mfn !== undefined || s.rates.size > 0;
}

/** A baseline is stale when its year ended more than two years before the as-of date. */
export const STALE_BASELINE_YEARS = 2;

export interface ExposureLine {
  /** The baseline's category. */
  category: string;
  baseline: ImportBaseline;
  /** The import value taxed: the baseline, less categories listed with their own baseline. */
  importUsd: number;
  /** Categories taken out of an all-goods row because they have their own baseline. */
  subtracted: string[];
  /** Whose regime taxes this line (`other` for the all-goods row), or null when none exists. */
  regimeCategory: string | null;
  lookup: RegimeLookup;
  current: number | null;
  threatened: number | null;
  /** How the current rate was reached (a scenario rate, or an MFN assumption); words in words.ts. */
  currentNote: CurrentNote | null;
  addedDutyUsd: number | null;
  /** Which inputs the scenario replaced on this line. */
  overridden: string[];
}

export interface UncoveredRegime {
  category: string;
  lookup: RegimeLookup;
  /** The line whose import value includes this category's imports, if any. */
  insideLine: string | null;
}

export interface MfnAssumption {
  regime: TariffRegime;
  rate: number;
  overridden: boolean;
}

/** How a line's current rate was reached: `scenario rate (recorded: …)`, `MFN 3.3% (assumed) + 10%`, `max(MFN 3.3% (assumed), 12.5%)`. */
export type CurrentNote = { kind: 'scenario'; regime: TariffRegime } | { kind: 'mfn'; regime: TariffRegime; mfn: number; scenario: boolean };

/** Why there is no figure. Coded: the words are in the reader's language (words.ts). */
export type NoDataReason = { code: 'nothing_recorded' | 'no_baseline' | 'no_regime'; dealCode: string; asOf: CivilDate };

/** What a reader should know about the figure. Coded like NoDataReason. */
export type ExposureWarning =
  | { code: 'baseline_after'; dealCode: string; category: string; first: number; asOf: CivilDate }
  | { code: 'categories_exceed'; dealCode: string; categories: string[] }
  | { code: 'mixed_years'; dealCode: string; year: number; others: { category: string; year: number }[] }
  | { code: 'stale_baseline'; dealCode: string; category: string; year: number; asOf: CivilDate }
  | { code: 'no_regime_recorded'; dealCode: string; category: string; importUsd: number }
  | { code: 'no_regime_covers'; dealCode: string; regimeCategory: string; category: string; asOf: CivilDate; next: CivilDate | null }
  | { code: 'regime_ended'; dealCode: string; regime: TariffRegime; next: CivilDate | null }
  | { code: 'rate_unused'; dealCode: string; category: string; insideLine: boolean }
  | { code: 'total_leaves_out'; dealCode: string; categories: string[] };

export interface DealExposure {
  dealCode: string;
  asOf: CivilDate;
  /** Added duty a year in USD; null means there is no data to answer with (never zero). */
  annualUsd: number | null;
  noDataReason: NoDataReason | null;
  lines: ExposureLine[];
  uncovered: UncoveredRegime[];
  regimesUsed: TariffRegime[];
  baselinesUsed: ImportBaseline[];
  mfnAssumptions: MfnAssumption[];
  warnings: ExposureWarning[];
  /** Scenario rate categories that matched nothing in this deal. */
  unusedRateOverrides: string[];
}

export function dealExposure(
  dealCode: string,
  allRegimes: readonly TariffRegime[],
  allBaselines: readonly ImportBaseline[],
  asOf: CivilDate,
  scenario: Scenario = NO_SCENARIO,
): DealExposure {
  const regimes = allRegimes.filter((r) => r.dealCode === dealCode);
  const baselines = allBaselines.filter((b) => b.dealCode === dealCode);
  const regimeCategories = [...new Set(regimes.map((r) => r.category))].sort();
  const warnings: ExposureWarning[] = [];

  const chosen: ImportBaseline[] = [];
  for (const category of [...new Set(baselines.map((b) => b.category))].sort()) {
    const b = baselineAsOf(baselines, dealCode, category, asOf);
    if (b) chosen.push(b);
    else {
      const first = Math.min(...baselines.filter((x) => x.category === category).map((x) => x.year));
      warnings.push({ code: 'baseline_after', dealCode, category, first, asOf });
    }
  }
  // All goods goes last so the categories taken out of it are known.
  chosen.sort((a, b) => Number(a.category === ALL_GOODS) - Number(b.category === ALL_GOODS) || a.category.localeCompare(b.category));

  const lines: ExposureLine[] = [];
  const regimesUsed = new Map<number, TariffRegime>();
  const mfn = new Map<number, MfnAssumption>();
  const usedRateKeys = new Set<string>();
  for (const b of chosen) {
    const separate = b.category === ALL_GOODS ? chosen.filter((x) => x.category !== ALL_GOODS) : [];
    let importUsd = b.annualUsd - separate.reduce((sum, x) => sum + x.annualUsd, 0);
    if (importUsd < 0) {
      warnings.push({ code: 'categories_exceed', dealCode, categories: separate.map((x) => x.category) });
      importUsd = 0;
    }
    const otherYears = separate.filter((x) => x.year !== b.year);
    if (otherYears.length) {
      warnings.push({ code: 'mixed_years', dealCode, year: b.year, others: otherYears.map((x) => ({ category: x.category, year: x.year })) });
    }
    const regimeCategory = regimeCategories.includes(b.category)
      ? b.category
      : b.category === ALL_GOODS && regimeCategories.includes(OTHER_GOODS)
        ? OTHER_GOODS
        : null;
    const line: ExposureLine = {
      category: b.category,
      baseline: b,
      importUsd,
      subtracted: separate.map((x) => x.category),
      regimeCategory,
      lookup: regimeCategory ? regimeInForce(regimes, dealCode, regimeCategory, asOf) : { status: 'none', next: undefined },
      current: null,
      threatened: null,
      currentNote: null,
      addedDutyUsd: null,
      overridden: [],
    };
    lines.push(line);
    if (yearOf(asOf) - b.year > STALE_BASELINE_YEARS) {
      warnings.push({ code: 'stale_baseline', dealCode, category: b.category, year: b.year, asOf });
    }
    if (!regimeCategory) {
      warnings.push({ code: 'no_regime_recorded', dealCode, category: b.category, importUsd });
      continue;
    }
    const lookup = line.lookup;
    if (lookup.status === 'none') {
      warnings.push({ code: 'no_regime_covers', dealCode, regimeCategory, category: b.category, asOf, next: lookup.next?.effectiveFrom ?? null });
      continue;
    }
    const regime = lookup.regime;
    if (lookup.status === 'ended') warnings.push(endedWarning(dealCode, regime, lookup.next));
    regimesUsed.set(regime.id, regime);

    const rateOverride = scenario.rates.get(regimeCategory) ?? scenario.rates.get(b.category);
    if (scenario.rates.has(regimeCategory)) usedRateKeys.add(regimeCategory);
    if (scenario.rates.has(b.category)) usedRateKeys.add(b.category);
    if (rateOverride !== undefined) {
      line.current = rateOverride;
      line.currentNote = { kind: 'scenario', regime };
      line.overridden.push('current rate');
    } else {
      line.current = currentRate(regime, scenario.mfn);
      if (usesMfn(regime.rateKind)) {
        const rate = scenario.mfn ?? regime.assumedMfnRate ?? 0;
        mfn.set(regime.id, { regime, rate, overridden: scenario.mfn !== undefined });
        line.currentNote = { kind: 'mfn', regime, mfn: rate, scenario: scenario.mfn !== undefined };
        if (scenario.mfn !== undefined) line.overridden.push('MFN rate');
      }
    }
    line.threatened = scenario.threatened ?? regime.threatenedRate;
    if (scenario.threatened !== undefined) line.overridden.push('threatened rate');
    line.addedDutyUsd = Math.round((importUsd * Math.max(0, line.threatened - line.current)) / 100);
  }

  const coveredBy = lines.find((l) => l.category === ALL_GOODS) ?? null;
  const uncovered: UncoveredRegime[] = regimeCategories
    .filter((c) => !lines.some((l) => l.regimeCategory === c))
    .map((category) => ({ category, lookup: regimeInForce(regimes, dealCode, category, asOf), insideLine: coveredBy ? ALL_GOODS : null }));
  for (const u of uncovered) {
    if (u.lookup.status !== 'none') regimesUsed.set(u.lookup.regime.id, u.lookup.regime);
    if (u.lookup.status === 'ended') warnings.push(endedWarning(dealCode, u.lookup.regime, u.lookup.next));
    if (scenario.rates.has(u.category)) {
      usedRateKeys.add(u.category);
      warnings.push({ code: 'rate_unused', dealCode, category: u.category, insideLine: u.insideLine !== null });
    }
  }

  const counted = lines.filter((l) => l.addedDutyUsd !== null);
  let annualUsd: number | null = counted.length ? counted.reduce((sum, l) => sum + l.addedDutyUsd!, 0) : null;
  let noDataReason: NoDataReason | null = null;
  if (baselines.length === 0 && regimes.length === 0) noDataReason = { code: 'nothing_recorded', dealCode, asOf };
  else if (chosen.length === 0) noDataReason = { code: 'no_baseline', dealCode, asOf };
  else if (annualUsd === null) noDataReason = { code: 'no_regime', dealCode, asOf };
  if (noDataReason) annualUsd = null;
  else if (counted.length < lines.length) {
    warnings.push({ code: 'total_leaves_out', dealCode, categories: lines.filter((l) => l.addedDutyUsd === null).map((l) => l.category) });
  }

  return {
    dealCode,
    asOf,
    annualUsd,
    noDataReason,
    lines,
    uncovered,
    regimesUsed: [...regimesUsed.values()],
    baselinesUsed: chosen,
    mfnAssumptions: [...mfn.values()],
    warnings,
    unusedRateOverrides: [...scenario.rates.keys()].filter((k) => !usedRateKeys.has(k)),
  };
}

function endedWarning(dealCode: string, regime: TariffRegime, next: TariffRegime | undefined): ExposureWarning {
  return { code: 'regime_ended', dealCode, regime, next: next?.effectiveFrom ?? null };
}

export interface ProjectStake {
  annualUsd: number;
  costUsd: number | null;
  /** Added duty a year ÷ the project's cost; null without a cost. */
  ratio: number | null;
}

/** The deal's exposure next to one project's cost: what declining it would put at stake. */
export function projectStake(exposure: DealExposure, costUsd: number | null): ProjectStake | null {
  if (exposure.annualUsd === null) return null;
  return { annualUsd: exposure.annualUsd, costUsd, ratio: costUsd ? exposure.annualUsd / costUsd : null };
}

/** `8.5× its cost` or `40% of its cost`. */
export function ratioPhrase(ratio: number): string {
  if (ratio >= 1) return `${Math.round(ratio * 10) / 10}× its cost`;
  // A small but non-zero stake must not read as 0%.
  return `${ratio > 0 ? Math.max(1, Math.round(ratio * 100)) : 0}% of its cost`;
}

/** The threatened rate(s) the figure assumes, e.g. `25%`, or `25% / 30%`. */
export function threatenedPhrase(exposure: DealExposure): string {
  const rates = [...new Set(exposure.lines.filter((l) => l.threatened !== null).map((l) => l.threatened!))].sort((a, b) => a - b);
  return rates.map(formatPercent).join(' / ');
}
