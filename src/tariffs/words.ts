/**
 * The words of tariff answers that the model hands out coded: category names, the
 * current rate with its MFN assumption, why there is no figure, and the warnings. The
 * model (exposure.ts) stays free of any language; every reader gets these in theirs.
 */
import type { CivilDate } from '../core/civil-date.ts';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import type { CurrentNote, ExposureWarning, NoDataReason } from './exposure.ts';
import { currentRate, type TariffRegime } from './model.ts';

const CATEGORY_KEYS = {
  all: 'tariffs.category_all',
  other: 'tariffs.category_other',
  autos: 'tariffs.category_autos',
  drones: 'tariffs.category_drones',
  pharma: 'tariffs.category_pharma',
  polysilicon: 'tariffs.category_polysilicon',
  'metals-annex-i-c': 'tariffs.category_metals_annex',
} as const satisfies Record<string, MessageKey>;

/** `all goods`, `other goods`, `autos and parts`; a category without a name as it was recorded. */
export function categoryName(tr: Translator, category: string): string {
  const key = Object.hasOwn(CATEGORY_KEYS, category) ? CATEGORY_KEYS[category as keyof typeof CATEGORY_KEYS] : undefined;
  return key ? tr.text(key) : category;
}

function categoryList(tr: Translator, categories: readonly string[]): string {
  return categories.map((c) => categoryName(tr, c)).join(tr.separator);
}

/** `15%`, `MFN + 10% (13.3% with the assumed MFN 3.3%)` or `max(MFN, 12.5%) (12.5% with the assumed MFN 3.3%)`. */
export function describeCurrent(tr: Translator, regime: TariffRegime, mfnOverride?: number): string {
  if (regime.rateKind === 'flat') return tr.percent(regime.rate);
  const rate = tr.percent(regime.rate);
  return tr.text('tariffs.current_mfn', {
    form: tr.text(regime.rateKind === 'mfn_max' ? 'tariffs.form_mfn_max' : 'tariffs.form_mfn_plus', { rate }),
    total: tr.percent(currentRate(regime, mfnOverride)),
    source: mfnOverride !== undefined ? 'scenario' : 'assumed',
    mfn: tr.percent(mfnOverride ?? regime.assumedMfnRate ?? 0),
  });
}

/** How a line's current rate was reached. */
export function currentNoteText(tr: Translator, note: CurrentNote): string {
  if (note.kind === 'scenario') return tr.text('exposure.note_scenario', { recorded: describeCurrent(tr, note.regime) });
  const mfn = tr.text('exposure.note_mfn', { rate: tr.percent(note.mfn), source: note.scenario ? 'scenario' : 'assumed' });
  return tr.text(note.regime.rateKind === 'mfn_max' ? 'exposure.note_max' : 'exposure.note_plus', { mfn, rate: tr.percent(note.regime.rate) });
}

/** Why an exposure has no figure, as a clause. */
export function noDataText(tr: Translator, reason: NoDataReason): string {
  const key =
    reason.code === 'nothing_recorded' ? 'exposure.no_data_nothing' : reason.code === 'no_baseline' ? 'exposure.no_data_baseline' : 'exposure.no_data_regime';
  return tr.text(key, { deal: reason.dealCode, asOf: tr.date(reason.asOf) });
}

/** One warning as a sentence. */
export function warningText(tr: Translator, w: ExposureWarning): string {
  const date = (d: CivilDate) => tr.date(d);
  switch (w.code) {
    case 'baseline_after':
      return tr.text('exposure.warn_baseline_after', { category: categoryName(tr, w.category), deal: w.dealCode, first: String(w.first), asOf: date(w.asOf) });
    case 'categories_exceed':
      return tr.text('exposure.warn_categories_exceed', { deal: w.dealCode, categories: categoryList(tr, w.categories) });
    case 'mixed_years':
      return tr.text('exposure.warn_mixed_years', {
        deal: w.dealCode,
        year: String(w.year),
        others: w.others
          .map((o) => tr.text('exposure.warn_mixed_years_item', { category: categoryName(tr, o.category), year: String(o.year) }))
          .join(tr.separator),
      });
    case 'stale_baseline':
      return tr.text('exposure.warn_stale', { category: categoryName(tr, w.category), deal: w.dealCode, year: String(w.year), asOf: date(w.asOf) });
    case 'no_regime_recorded':
      return tr.text('exposure.warn_no_regime', { category: categoryName(tr, w.category), deal: w.dealCode, amount: tr.money(w.importUsd) });
    case 'no_regime_covers':
      return tr.text('exposure.warn_not_covering', {
        regimeCategory: categoryName(tr, w.regimeCategory),
        deal: w.dealCode,
        asOf: date(w.asOf),
        next: w.next ? tr.text('exposure.warn_not_covering_next', { date: date(w.next) }) : '',
        category: categoryName(tr, w.category),
      });
    case 'regime_ended': {
      const args = { basis: w.regime.legalBasis, category: categoryName(tr, w.regime.category), deal: w.dealCode, ended: date(w.regime.effectiveTo!) };
      return w.next ? tr.text('exposure.warn_ended_next', { ...args, next: date(w.next) }) : tr.text('exposure.warn_ended_last', args);
    }
    case 'rate_unused':
      return tr.text('exposure.warn_rate_unused', {
        category: w.category,
        deal: w.dealCode,
        label: categoryName(tr, w.category),
        inside: w.insideLine ? 'yes' : 'no',
      });
    case 'total_leaves_out':
      return tr.text('exposure.warn_leaves_out', { deal: w.dealCode, categories: categoryList(tr, w.categories) });
  }
}
