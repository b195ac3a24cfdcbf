import { describe, expect, it } from 'vitest';
import { regimeInForce, visibleRegimes, baselineAsOf, currentRate } from '../../../src/tariffs/model.ts';
import { baseline, regime } from '../../integration/tariffs/fixtures.ts';

// The Japan timeline of the seed, as literal rows.
const eo14345 = regime({ dealCode: 'JP', category: 'other', rate: 15, effectiveFrom: '2025-08-07', effectiveTo: '2026-02-23', legalBasis: 'EO 14345' });
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
const autos = regime({ dealCode: 'JP', category: 'autos', rate: 15, effectiveFrom: '2025-09-16', legalBasis: 'Section 232' });
const rows = [s122, autos, eo14345];

function at(category: string, date: string) {
  const r = regimeInForce(rows, 'JP', category, date);
  return r.status === 'none' ? 'none' : `${r.status}:${r.regime.legalBasis}`;
}

describe('regimeInForce on each boundary', () => {
  it.each([
    ['other', '2025-08-06', 'none'],
    ['other', '2025-08-07', 'in_force:EO 14345'],
    ['other', '2025-08-08', 'in_force:EO 14345'],
    ['other', '2026-02-22', 'in_force:EO 14345'],
    ['other', '2026-02-23', 'in_force:EO 14345'],
    ['other', '2026-02-24', 'in_force:Section 122 surcharge'],
    ['other', '2026-02-25', 'in_force:Section 122 surcharge'],
    ['other', '2026-07-23', 'in_force:Section 122 surcharge'],
    ['other', '2026-07-24', 'in_force:Section 122 surcharge'],
    ['other', '2026-07-25', 'ended:Section 122 surcharge'],
    ['autos', '2025-09-15', 'none'],
    ['autos', '2025-09-16', 'in_force:Section 232'],
    ['autos', '2025-09-17', 'in_force:Section 232'],
    ['autos', '2099-12-31', 'in_force:Section 232'],
  ])('%s on %s → %s', (category, date, expected) => {
    expect(at(category, date)).toBe(expected);
  });

  it('names the next regime when the date falls before the first one or in a gap', () => {
    const before = regimeInForce(rows, 'JP', 'other', '2025-01-01');
    expect(before).toMatchObject({ status: 'none', next: { id: eo14345.id } });
    const a = regime({ dealCode: 'KR', category: 'other', effectiveFrom: '2026-01-01', effectiveTo: '2026-01-31', legalBasis: 'A' });
    const b = regime({ dealCode: 'KR', category: 'other', effectiveFrom: '2026-03-01', legalBasis: 'B' });
    expect(regimeInForce([b, a], 'KR', 'other', '2026-02-15')).toMatchObject({ status: 'ended', regime: { id: a.id }, next: { id: b.id } });
    expect(regimeInForce([b, a], 'KR', 'other', '2026-02-28')).toMatchObject({ status: 'ended', regime: { id: a.id } });
    expect(regimeInForce([b, a], 'KR', 'other', '2026-03-01')).toMatchObject({ status: 'in_force', regime: { id: b.id } });
  });

  it('is scoped to the deal and category', () => {
    expect(regimeInForce(rows, 'KR', 'other', '2026-03-01').status).toBe('none');
    expect(regimeInForce(rows, 'JP', 'steel', '2026-03-01').status).toBe('none');
  });
});

describe('current rate', () => {
  it('is the flat rate, or the assumed MFN plus x, or a scenario MFN plus x', () => {
    expect(currentRate(eo14345)).toBe(15);
    expect(currentRate(s122)).toBeCloseTo(13.3, 10);
    expect(currentRate(s122, 2)).toBe(12);
  });

  it('is max(MFN, x) for a regime "x net of MFN": x while the MFN rate is below it, the MFN rate above it', () => {
    const s301 = regime({
      dealCode: 'JP',
      category: 'other',
      rateKind: 'mfn_max',
      rate: 12.5,
      assumedMfnRate: 3.3,
      mfnSource: 'test',
      effectiveFrom: '2026-07-24',
    });
    expect(currentRate(s301)).toBe(12.5);
    expect(currentRate(s301, 0)).toBe(12.5);
    expect(currentRate(s301, 12.5)).toBe(12.5);
    expect(currentRate(s301, 14)).toBe(14);
  });
});

describe('visibleRegimes: built-in rows under a workspace row', () => {
  const own = regime({ dealCode: 'JP', category: 'autos', builtIn: false, rate: 20, effectiveFrom: '2026-12-01', legalBasis: 'Own' });

  it('ends the open built-in row the day before the workspace row starts, without touching the stored row', () => {
    const seen = visibleRegimes([...rows, own]).filter((r) => r.category === 'autos');
    expect(seen.map((r) => [r.legalBasis, r.effectiveFrom, r.effectiveTo])).toEqual([
      ['Section 232', '2025-09-16', '2026-11-30'],
      ['Own', '2026-12-01', null],
    ]);
    expect(autos.effectiveTo).toBeNull();
    expect(regimeInForce(seen, 'JP', 'autos', '2026-11-30')).toMatchObject({ status: 'in_force', regime: { legalBasis: 'Section 232' } });
    expect(regimeInForce(seen, 'JP', 'autos', '2026-12-01')).toMatchObject({ status: 'in_force', regime: { legalBasis: 'Own' } });
  });

  it('hides built-in rows that start on or after the workspace row, and leaves other categories alone', () => {
    const early = regime({ dealCode: 'JP', category: 'other', builtIn: false, effectiveFrom: '2026-01-01', legalBasis: 'Own other' });
    const seen = visibleRegimes([...rows, early]).filter((r) => r.category === 'other');
    expect(seen.map((r) => [r.legalBasis, r.effectiveTo])).toEqual([
      ['EO 14345', '2025-12-31'],
      ['Own other', null],
    ]);
    expect(visibleRegimes(rows)).toHaveLength(3);
  });
});

describe('baselineAsOf', () => {
  const b2023 = baseline({ dealCode: 'JP', category: 'all', annualUsd: 1, year: 2023 });
  const b2024 = baseline({ dealCode: 'JP', category: 'all', annualUsd: 2, year: 2024 });
  const own2024 = baseline({ dealCode: 'JP', category: 'all', annualUsd: 3, year: 2024, builtIn: false });
  it('takes the latest year not after the as-of year, a workspace row over a built-in one', () => {
    expect(baselineAsOf([b2023, b2024], 'JP', 'all', '2026-01-01')?.annualUsd).toBe(2);
    expect(baselineAsOf([b2023, b2024], 'JP', 'all', '2023-06-30')?.annualUsd).toBe(1);
    expect(baselineAsOf([b2023, b2024], 'JP', 'all', '2022-12-31')).toBeUndefined();
    expect(baselineAsOf([own2024, b2023, b2024], 'JP', 'all', '2026-01-01')?.annualUsd).toBe(3);
  });
});
