/** Literal regimes and baselines for the pure tariff tests. */
import type { ImportBaseline, TariffRegime } from '../../../src/tariffs/model.ts';

let nextId = 1;

export function regime(fields: Partial<TariffRegime> & Pick<TariffRegime, 'dealCode' | 'category' | 'effectiveFrom'>): TariffRegime {
  return {
    id: nextId++,
    builtIn: true,
    rateKind: 'flat',
    rate: 15,
    assumedMfnRate: null,
    mfnSource: null,
    threatenedRate: 25,
    legalBasis: 'Test basis',
    effectiveTo: null,
    sourceUrl: 'https://example.gov/regime',
    sourceTitle: null,
    reliability: 'primary',
    label: null,
    packVersion: null,
    note: null,
    createdBy: 'seed',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...fields,
  };
}

export function baseline(fields: Partial<ImportBaseline> & Pick<ImportBaseline, 'dealCode' | 'category' | 'annualUsd' | 'year'>): ImportBaseline {
  return {
    id: nextId++,
    builtIn: true,
    basis: null,
    sourceUrl: 'https://example.gov/baseline',
    sourceTitle: null,
    reliability: 'weak',
    label: null,
    packVersion: null,
    note: null,
    createdBy: 'seed',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...fields,
  };
}
