import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/replies/render-text.ts';
import { dealExposure, projectStake, ratioPhrase } from '../../../src/tariffs/exposure.ts';
import { exposureBlocks } from '../../../src/replies/tariffs.ts';
import { stakeSentence } from '../../../src/usecases/stake.ts';
import { baseline, regime } from '../../integration/tariffs/fixtures.ts';
import { translator } from '../../../src/i18n/translator.ts';
import { noDataText, warningText } from '../../../src/tariffs/words.ts';

const EN = translator('en');
/** The warnings as an English reader sees them. */
const warningsOf = (e: ReturnType<typeof dealExposure>) => e.warnings.map((w) => warningText(EN, w));

const BN = 1_000_000_000;

describe('exposure arithmetic (literal data)', () => {
  // All goods US$100bn, of which autos US$20bn with a baseline of their own.
  const regimes = [
    regime({ dealCode: 'XX', category: 'other', rate: 10, threatenedRate: 25, effectiveFrom: '2026-01-01' }),
    // Current above threatened: the snap-back would lower it, so it adds nothing.
    regime({ dealCode: 'XX', category: 'autos', rate: 30, threatenedRate: 25, effectiveFrom: '2026-01-01' }),
  ];
  const baselines = [
    baseline({ dealCode: 'XX', category: 'all', annualUsd: 100 * BN, year: 2025 }),
    baseline({ dealCode: 'XX', category: 'autos', annualUsd: 20 * BN, year: 2025 }),
  ];

  it('sums import value × max(0, threatened − current), never negative', () => {
    const e = dealExposure('XX', regimes, baselines, '2026-06-01');
    const autos = e.lines.find((l) => l.category === 'autos')!;
    const all = e.lines.find((l) => l.category === 'all')!;
    expect(autos.addedDutyUsd).toBe(0);
    expect(all.importUsd).toBe(80 * BN);
    expect(all.regimeCategory).toBe('other');
    expect(all.addedDutyUsd).toBe(12 * BN);
    expect(e.annualUsd).toBe(12 * BN);
    expect(e.warnings).toEqual([]);
    const text = renderText({ text: '', blocks: exposureBlocks(EN, e, 'Testland') });
    expect(text).toContain('US$12bn a year');
    expect(text).toContain('nothing is added');
  });

  it('computes "max(MFN, x)" with the assumed MFN rate, shows the form, and a scenario MFN above x raises the total', () => {
    const s301 = regime({
      dealCode: 'ZZ',
      category: 'other',
      rateKind: 'mfn_max',
      rate: 12.5,
      assumedMfnRate: 3.3,
      mfnSource: 'ASSUMPTION: test figure',
      effectiveFrom: '2026-07-24',
    });
    const b = baseline({ dealCode: 'ZZ', category: 'all', annualUsd: 100 * BN, year: 2025 });
    const e = dealExposure('ZZ', [s301], [b], '2026-11-30');
    expect(e.lines[0]!.current).toBe(12.5);
    expect(e.annualUsd).toBe(12.5 * BN); // 100bn × (25% − max(3.3%, 12.5%))
    expect(e.mfnAssumptions.map((m) => m.rate)).toEqual([3.3]);
    const text = renderText({ text: '', blocks: exposureBlocks(EN, e, 'Testland') });
    expect(text).toContain('threatened 25% − current 12.5% (max(MFN 3.3% (assumed), 12.5%))');
    expect(text).toContain('MFN assumption (other goods): 3.3% — ASSUMPTION: test figure');
    const high = dealExposure('ZZ', [s301], [b], '2026-11-30', { rates: new Map(), mfn: 20 });
    expect(high.lines[0]!.current).toBe(20);
    expect(high.annualUsd).toBe(5 * BN);
  });

  it('keeps "MFN + x" in the arithmetic and names the MFN assumption', () => {
    const mfnPlus = regime({
      dealCode: 'YY',
      category: 'other',
      rateKind: 'mfn_plus',
      rate: 10,
      assumedMfnRate: 3.3,
      mfnSource: 'ASSUMPTION: test figure',
      effectiveFrom: '2026-01-01',
    });
    const b = baseline({ dealCode: 'YY', category: 'all', annualUsd: 100 * BN, year: 2025 });
    const e = dealExposure('YY', [mfnPlus], [b], '2026-06-01');
    expect(e.annualUsd).toBe(11.7 * BN);
    expect(e.mfnAssumptions).toHaveLength(1);
    expect(renderText({ text: '', blocks: exposureBlocks(EN, e, 'Y') })).toContain('MFN assumption (other goods): 3.3% — ASSUMPTION: test figure');

    const scenario = dealExposure('YY', [mfnPlus], [b], '2026-06-01', { rates: new Map(), mfn: 2, threatened: 30 });
    expect(scenario.annualUsd).toBe(18 * BN);
    const flat = dealExposure('YY', [mfnPlus], [b], '2026-06-01', { rates: new Map([['other', 27.5]]) });
    expect(flat.annualUsd).toBe(0);
  });

  it('answers "no data" for a deal without data, never zero', () => {
    const e = dealExposure('ZZ', regimes, baselines, '2026-06-01');
    expect(e.annualUsd).toBeNull();
    expect(noDataText(EN, e.noDataReason!)).toBe('no tariff regime and no import baseline are recorded for ZZ');
    expect(e.noDataReason).toEqual({ code: 'nothing_recorded', dealCode: 'ZZ', asOf: '2026-06-01' });
    const text = renderText({ text: '', blocks: exposureBlocks(EN, e, 'Zedland') });
    expect(text).toContain('no data');
    expect(text).not.toContain('US$0');
    expect(stakeSentence(EN, { slug: 'p', stage: 'selected', costUsd: BN }, e).markup).toContain('No tariff exposure figure for deal ZZ');
    expect(projectStake(e, BN)).toBeNull();
  });

  it('answers "no data" when no regime covers the date, and names the first one', () => {
    const e = dealExposure('XX', regimes, baselines, '2025-12-31');
    expect(e.annualUsd).toBeNull();
    expect(warningsOf(e).join('\n')).toContain('the first recorded one starts on Thu 2026-01-01');
  });

  it('puts the deal exposure next to a project cost', () => {
    const e = dealExposure('XX', regimes, baselines, '2026-06-01');
    expect(projectStake(e, 2.1 * BN)).toMatchObject({ annualUsd: 12 * BN, ratio: 12 / 2.1 });
    expect(ratioPhrase(12 / 2.1)).toBe('5.7× its cost');
    expect(ratioPhrase(0.4)).toBe('40% of its cost');
    expect(stakeSentence(EN, { slug: 'p', stage: 'declined', costUsd: 2.1 * BN }, e).markup).toContain('This decline puts at stake about *US$12bn a year*');
    expect(stakeSentence(EN, { slug: 'p', stage: 'declined', costUsd: 2.1 * BN }, e).markup).toContain('5.7× its cost (US$2.1bn) every year');
    const ja = stakeSentence(translator('ja'), { slug: 'p', stage: 'declined', costUsd: 2.1 * BN }, e).markup;
    expect(ja).toContain('この辞退により');
    expect(ja).toContain('年間約 *120億ドル* の追加関税');
    expect(ja).toContain('事業費（21億ドル）の5.7倍');
  });
});

describe('staleness warnings, "today" injected', () => {
  const s122 = regime({
    dealCode: 'JP',
    category: 'other',
    rateKind: 'mfn_plus',
    rate: 10,
    assumedMfnRate: 3.3,
    mfnSource: 'assumption',
    effectiveFrom: '2026-02-24',
    effectiveTo: '2026-07-24',
    legalBasis: 'Section 122 surcharge',
  });
  const b2024 = baseline({ dealCode: 'JP', category: 'all', annualUsd: 152.06 * BN, year: 2024 });

  it('warns when the regime in use has passed its end, and still answers with it', () => {
    const inside = dealExposure('JP', [s122], [b2024], '2026-07-24');
    expect(inside.warnings).toEqual([]);
    const after = dealExposure('JP', [s122], [b2024], '2026-11-26');
    expect(after.annualUsd).toBe(Math.round(152.06 * BN * 0.117));
    expect(warningsOf(after)).toEqual([
      'The Section 122 surcharge row for other goods of JP ended on Fri 2026-07-24 and nothing newer is recorded; this answer still uses its rate. Record the regime now in force with `tariff set`.',
    ]);
  });

  it('warns when the baseline is more than two years old', () => {
    const open = regime({ dealCode: 'JP', category: 'other', effectiveFrom: '2025-01-01' });
    const stale = (date: string, year: number) =>
      dealExposure('JP', [open], [baseline({ dealCode: 'JP', category: 'all', annualUsd: BN, year })], date).warnings.some((w) => w.code === 'stale_baseline');
    expect(stale('2026-12-31', 2024)).toBe(false);
    expect(stale('2027-01-01', 2024)).toBe(true);
    expect(stale('2026-11-26', 2023)).toBe(true);
    const w = warningsOf(dealExposure('JP', [open], [baseline({ dealCode: 'JP', category: 'all', annualUsd: BN, year: 2023 })], '2026-11-26'));
    expect(w[0]).toBe(
      'The all goods import baseline of JP is for 2023, more than two years before Thu 2026-11-26; imports may have changed since. Record a newer one with `baseline set`.',
    );
  });
});
