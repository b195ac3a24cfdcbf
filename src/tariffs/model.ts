/**
 * The tariff data model: time-versioned regimes and import baselines per deal and product
 * category, each row carrying its source. Pure: no database, no "today".
 *
 * Built-in rows (the migration seed) are shared by every workspace and never edited for
 * one of them; a workspace's own rows sit on top. `visibleRegimes` is the one place that
 * decides what a workspace sees when both exist.
 */
import { addDays, type CivilDate } from '../core/civil-date.ts';

/**
 * How a regime's `rate` makes the duty: `flat` is the whole duty; `mfn_plus` is added to
 * the MFN rate ("MFN + x", the Section 122 surcharge); `mfn_max` is a floor the total is
 * raised to, so the total is max(MFN, x) ("x net of MFN": the duty added is
 * max(0, x − MFN), as for the forced-labour Section 301 tariff and the IEEPA 15% floors).
 */
export type RateKind = 'flat' | 'mfn_plus' | 'mfn_max';

/** Whether the total depends on the MFN rate, so the row must name the MFN rate it assumes. */
export function usesMfn(kind: RateKind): boolean {
  return kind !== 'flat';
}
export type Reliability = 'primary' | 'reliable' | 'weak';
/** How sure a public fact is; see docs/data.md. */
export type FactLabel = 'confirmed' | 'reported' | 'estimated';
export const RELIABILITIES: readonly Reliability[] = ['primary', 'reliable', 'weak'];

/** Category keys used by the seed. Others may be added by `tariff set` / `baseline set`. */
export const ALL_GOODS = 'all';
export const OTHER_GOODS = 'other';

const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  all: 'all goods',
  other: 'other goods',
  autos: 'autos and parts',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category;
}

export interface TariffRegime {
  id: number;
  builtIn: boolean;
  dealCode: string;
  category: string;
  rateKind: RateKind;
  /** The whole duty for a flat regime; the x of "MFN + x" or of "max(MFN, x)" otherwise. Percent. */
  rate: number;
  /** For "MFN + x" and "max(MFN, x)": the average MFN rate the arithmetic assumes, and where it comes from. */
  assumedMfnRate: number | null;
  mfnSource: string | null;
  threatenedRate: number;
  legalBasis: string;
  effectiveFrom: CivilDate;
  effectiveTo: CivilDate | null;
  /** The source's address; null for a public-data row whose source has no stable URL (`sourceTitle` names it). */
  sourceUrl: string | null;
  sourceTitle: string | null;
  reliability: Reliability;
  /** How sure the fact is (public data): confirmed, reported or estimated; null for rows typed by a user. */
  label: FactLabel | null;
  /** The public-data pack the row came from; null for rows typed by a user. */
  packVersion: string | null;
  note: string | null;
  createdBy: string;
  createdAt: Date;
  /**
   * Set by `visibleRegimes` when a built-in row's end was brought forward, in this
   * workspace's view, by the workspace's own newer regime: the row's stored end.
   */
  endedByWorkspaceRow?: true;
}

export interface ImportBaseline {
  id: number;
  builtIn: boolean;
  dealCode: string;
  category: string;
  annualUsd: number;
  year: number;
  basis: string | null;
  sourceUrl: string | null;
  sourceTitle: string | null;
  reliability: Reliability;
  label: FactLabel | null;
  packVersion: string | null;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

function byStart(a: TariffRegime, b: TariffRegime): number {
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.id - b.id;
}

/**
 * What one workspace sees: for each deal and category, the built-in rows up to the day
 * before the workspace's first own regime, then the workspace's own rows. A built-in row
 * that starts on or after that day is hidden; one that spans it is shown as ending the
 * day before. Own rows are closed in the database when the next one is recorded, so they
 * need no adjustment here. Sorted by deal, category, start.
 */
export function visibleRegimes(rows: readonly TariffRegime[]): TariffRegime[] {
  const firstOwn = new Map<string, CivilDate>();
  for (const r of rows) {
    if (r.builtIn) continue;
    const key = `${r.dealCode}\u0000${r.category}`;
    const seen = firstOwn.get(key);
    if (seen === undefined || r.effectiveFrom < seen) firstOwn.set(key, r.effectiveFrom);
  }
  const out: TariffRegime[] = [];
  for (const r of rows) {
    const cut = r.builtIn ? firstOwn.get(`${r.dealCode}\u0000${r.category}`) : undefined;
    if (cut === undefined) {
      out.push(r);
      continue;
    }
    if (r.effectiveFrom >= cut) continue;
    const end = addDays(cut, -1);
    out.push(r.effectiveTo !== null && r.effectiveTo <= end ? r : { ...r, effectiveTo: end, endedByWorkspaceRow: true });
  }
  return out.sort((a, b) => a.dealCode.localeCompare(b.dealCode) || a.category.localeCompare(b.category) || byStart(a, b));
}

export type RegimeLookup =
  /** A row covers the date. */
  | { status: 'in_force'; regime: TariffRegime }
  /** The latest row that started by the date has ended; `next` starts after the date, if any. */
  | { status: 'ended'; regime: TariffRegime; next: TariffRegime | undefined }
  /** No row had started by the date; `next` is the first one, if any. */
  | { status: 'none'; next: TariffRegime | undefined };

/**
 * The regime of `deal`/`category` in force on `date` (inclusive at both ends). When none
 * covers the date, the latest one that had started is returned as `ended` so that the
 * caller can still answer with it and say plainly that it is stale.
 */
export function regimeInForce(regimes: readonly TariffRegime[], deal: string, category: string, date: CivilDate): RegimeLookup {
  const rows = regimes.filter((r) => r.dealCode === deal && r.category === category).sort(byStart);
  const started = rows.filter((r) => r.effectiveFrom <= date);
  const next = rows.find((r) => r.effectiveFrom > date);
  const covering = started.filter((r) => r.effectiveTo === null || date <= r.effectiveTo);
  // Rows of one deal and category do not overlap once closed; should they ever, the one
  // that started last is the newer decision.
  if (covering.length) return { status: 'in_force', regime: covering[covering.length - 1]! };
  const latest = started[started.length - 1];
  if (!latest) return { status: 'none', next };
  return { status: 'ended', regime: latest, next };
}

/** The current duty of a regime: the flat rate, MFN + x, or max(MFN, x), with the assumed (or overriding) MFN rate. */
export function currentRate(regime: TariffRegime, mfnOverride?: number): number {
  if (regime.rateKind === 'flat') return regime.rate;
  const mfn = mfnOverride ?? regime.assumedMfnRate ?? 0;
  return regime.rateKind === 'mfn_max' ? Math.max(mfn, regime.rate) : mfn + regime.rate;
}

/**
 * The baseline of `deal`/`category` to use on `date`: the latest year not after the
 * date's year; for equal years a workspace's own row wins over the built-in one, and a
 * newer row over an older one.
 */
export function baselineAsOf(baselines: readonly ImportBaseline[], deal: string, category: string, date: CivilDate): ImportBaseline | undefined {
  const year = Number(date.slice(0, 4));
  let best: ImportBaseline | undefined;
  for (const b of baselines) {
    if (b.dealCode !== deal || b.category !== category || b.year > year) continue;
    if (!best || rankBaseline(b) > rankBaseline(best)) best = b;
  }
  return best;
}

function rankBaseline(b: ImportBaseline): number {
  return b.year * 1e12 + (b.builtIn ? 0 : 1e11) + b.id;
}
