/**
 * A pack's facts in the form the workspace stores them: a project's columns, a regime's or
 * baseline's row, a closure's override. `base` in public_record keeps exactly these
 * values, so "did the workspace change this field?" is a comparison of like with like.
 */
import type { CostQualifier, Stage } from '../../domain/project.ts';
import type { FactLabel, RateKind, Reliability } from '../../tariffs/model.ts';
import type { Provenance } from '../../db/public-data.ts';
import { translator } from '../../i18n/translator.ts';
import { japaneseTexts, type Pack, type PackBaseline, type PackClosure, type PackEvent, type PackProject, type PackRegime, type PackSource } from './pack.ts';

export const PROJECT_FACTS = [
  'name',
  'sector',
  'sponsor',
  'location',
  'costUsd',
  'costQualifier',
  'announcedOn',
  'stage',
  'noticeOn',
  'noticeDueOn',
  'fundedOn',
  'declinedOn',
] as const;
export type ProjectFact = (typeof PROJECT_FACTS)[number];

export interface ProjectFacts {
  name: string;
  sector: string | null;
  sponsor: string | null;
  location: string | null;
  costUsd: number | null;
  costQualifier: CostQualifier | null;
  announcedOn: string | null;
  stage: Stage;
  noticeOn: string | null;
  noticeDueOn: string | null;
  fundedOn: string | null;
  declinedOn: string | null;
}

/** Words for a field in diffs and conflicts. */
export const FACT_WORDS: Record<ProjectFact, string> = {
  name: 'name',
  sector: 'sector',
  sponsor: 'sponsor',
  location: 'location',
  costUsd: 'cost',
  costQualifier: 'cost qualifier',
  announcedOn: 'announced',
  stage: 'stage',
  noticeOn: 'notice',
  noticeDueOn: 'named funding date',
  fundedOn: 'funded',
  declinedOn: 'declined',
};

export function projectFacts(p: PackProject): ProjectFacts {
  return {
    name: p.name.value!,
    sector: p.sector?.value ?? null,
    sponsor: p.sponsor?.value ?? null,
    location: p.location?.value ?? null,
    costUsd: p.cost?.value ?? null,
    costQualifier: p.cost?.value != null ? (p.cost.qualifier ?? null) : null,
    announcedOn: p.announced?.value ?? null,
    stage: p.stage.value!,
    noticeOn: p.notice?.value ?? null,
    noticeDueOn: p.due?.value ?? null,
    fundedOn: p.funded?.value ?? null,
    declinedOn: p.declined?.value ?? null,
  };
}

/** How each of a project's facts is known, by the pack's field names (for `show`). */
export function projectProvenance(p: PackProject): Record<string, Provenance> {
  const out: Record<string, Provenance> = {};
  for (const name of ['name', 'sponsor', 'location', 'sector', 'cost', 'announced', 'stage', 'notice', 'due', 'funded', 'declined'] as const) {
    const f = p[name];
    if (f) out[name] = { label: f.label, source: f.source, ...(f.note ? { note: f.note } : {}) };
  }
  return out;
}

export interface EventFacts {
  kind: string;
  onDate: string;
  summary: string;
  label: string;
  sourceKey: string;
  note: string | null;
}

export function eventFacts(e: PackEvent): EventFacts {
  return { kind: e.kind, onDate: e.date, summary: e.summary, label: e.label, sourceKey: e.source, note: e.note ?? null };
}

/** `US Department of Commerce: Fact sheet … (90 FR 55964), 2026-02-17` */
export function sourceTitle(s: PackSource): string {
  const citation = s.citation && !s.title.includes(s.citation) ? ` (${s.citation})` : '';
  return `${s.publisher}: ${s.title}${citation}${s.date ? `, ${s.date}` : ''}`.slice(0, 500);
}

export interface RegimeFacts {
  dealCode: string;
  category: string;
  rateKind: RateKind;
  rate: number;
  assumedMfnRate: number | null;
  mfnSource: string | null;
  threatenedRate: number;
  legalBasis: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  sourceUrl: string | null;
  sourceTitle: string | null;
  reliability: Reliability;
  label: FactLabel;
  note: string | null;
}

export function regimeFacts(r: PackRegime, sources: Pack['sources']): RegimeFacts {
  const src = sources[r.source]!;
  const mfn = r.assumedMfn;
  const mfnSrc = mfn ? sources[mfn.source]! : undefined;
  return {
    dealCode: r.deal,
    category: r.category,
    rateKind: r.form,
    rate: r.rate,
    assumedMfnRate: mfn ? mfn.rate : null,
    mfnSource: mfn ? mfnSourceText(mfn, mfnSrc!) : null,
    threatenedRate: r.threatened,
    legalBasis: r.basis,
    effectiveFrom: r.from,
    effectiveTo: r.to,
    sourceUrl: src.url ?? null,
    sourceTitle: sourceTitle(src),
    reliability: r.reliability,
    label: r.label,
    note: r.note ?? null,
  };
}

export interface BaselineFacts {
  dealCode: string;
  category: string;
  annualUsd: number;
  year: number;
  basis: string;
  sourceUrl: string | null;
  sourceTitle: string | null;
  reliability: Reliability;
  label: FactLabel;
  note: string | null;
}

export function baselineFacts(b: PackBaseline, sources: Pack['sources']): BaselineFacts {
  const src = sources[b.source]!;
  return {
    dealCode: b.deal,
    category: b.category,
    annualUsd: b.annualUsd,
    year: b.year,
    basis: b.basis,
    sourceUrl: src.url ?? null,
    sourceTitle: sourceTitle(src),
    reliability: b.reliability,
    label: b.label,
    note: b.note ?? null,
  };
}

export interface ClosureFacts {
  calendar: string;
  date: string;
  action: 'close';
  reason: string;
}

/** The stored reason names the source, since an override has no column for one. */
export function closureFacts(c: PackClosure, sources: Pack['sources']): ClosureFacts {
  const src = sources[c.source]!;
  return {
    calendar: c.calendar,
    date: c.date,
    action: 'close',
    reason: closureReason(c, src),
  };
}

type Assumption = NonNullable<PackRegime['assumedMfn']>;

/**
 * Where an assumed MFN rate comes from, as stored (one text: a regime row has one column
 * for it). Its Japanese is built the same way from the Japanese note, so that the stored
 * English finds its translation (see storedJapaneseTexts).
 */
function mfnSourceText(mfn: Assumption, src: PackSource): string {
  return `${mfn.label === 'estimated' ? 'Estimated. ' : ''}${mfn.note ? `${mfn.note} ` : ''}Source: ${sourceTitle(src)}${src.url ? ` (${src.url})` : ''}`.slice(
    0,
    1000,
  );
}

function mfnSourceJa(mfn: Assumption, src: PackSource): string | undefined {
  if (mfn.note && mfn.noteJa === undefined) return undefined;
  return `${mfn.label === 'estimated' ? '推計。' : ''}${mfn.noteJa ?? ''}出典: ${sourceTitle(src)}${src.url ? ` (${src.url})` : ''}`.slice(0, 1000);
}

/** A closure's stored reason names its source and label, since an override has no column for them. */
function closureReason(c: PackClosure, src: PackSource): string {
  return `${c.reason} (${c.label}: ${src.publisher}${src.date ? `, ${src.date}` : ''})`.slice(0, 300);
}

function closureReasonJa(c: PackClosure, src: PackSource): string | undefined {
  if (c.reasonJa === undefined) return undefined;
  return `${c.reasonJa}（${translator('ja').text('fact.label', { label: c.label })}: ${src.publisher}${src.date ? `、${src.date}` : ''}）`.slice(0, 300);
}

/**
 * The Japanese of the texts the workspace stores as the pack gives them (a summary, a
 * note, a basis), and of those it stores built from several fields (an MFN assumption's
 * source, a closure's reason), by their stored English.
 */
export function storedJapaneseTexts(pack: Pack): Map<string, string> {
  const texts = japaneseTexts(pack);
  for (const r of pack.regimes) {
    if (!r.assumedMfn) continue;
    const src = pack.sources[r.assumedMfn.source]!;
    const ja = mfnSourceJa(r.assumedMfn, src);
    if (ja) texts.set(mfnSourceText(r.assumedMfn, src), ja);
  }
  for (const c of pack.closures) {
    const src = pack.sources[c.source]!;
    const ja = closureReasonJa(c, src);
    if (ja) texts.set(closureReason(c, src), ja);
  }
  return texts;
}

/**
 * Equal as stored values: dates as strings, numbers as numbers, absent as null, objects
 * whatever their key order (jsonb does not keep it).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
