/**
 * How tariff answers read. Every answer shows its as-of date, the regime and baseline
 * rows it used with their sources and dates, the MFN assumption where one was used, and
 * plain warnings: a number without its provenance is not something a desk can quote.
 */
import { formatDate } from '../core/civil-date.ts';
import { joinMrkdwn, link, mrkdwn, type Mrkdwn } from '../core/mrkdwn.ts';
import { formatMoney, formatPercent } from '../core/values.ts';
import { section, truncate, type Block } from './reply.ts';
import { describeCurrent, type DealExposure, type ExposureLine } from '../tariffs/exposure.ts';
import { categoryLabel, type FactLabel, type ImportBaseline, type Reliability, type TariffRegime } from '../tariffs/model.ts';

const RELIABILITY: Record<Reliability, string> = {
  primary: 'primary source',
  reliable: 'reliable secondary source',
  weak: 'weak source: only reported',
};

const LABEL: Record<FactLabel, string> = {
  confirmed: 'confirmed',
  reported: 'reported',
  estimated: 'estimated',
};

/** `<url|source> (primary source)`, or the source's title where it has no URL; with the fact label of public data. */
export function sourceLink(row: { sourceUrl: string | null; sourceTitle?: string | null; reliability: Reliability; label?: FactLabel | null }): Mrkdwn {
  const where = row.sourceUrl
    ? link(row.sourceUrl, row.sourceTitle ? truncate(row.sourceTitle, 120) : 'source')
    : mrkdwn`source: ${truncate(row.sourceTitle ?? 'not recorded', 200)}`;
  return mrkdwn`${where} (${RELIABILITY[row.reliability]}${row.label ? `; ${LABEL[row.label]}` : ''})`;
}

export function period(r: Pick<TariffRegime, 'effectiveFrom' | 'effectiveTo'>): string {
  return r.effectiveTo ? `${formatDate(r.effectiveFrom)} to ${formatDate(r.effectiveTo)}` : `from ${formatDate(r.effectiveFrom)}, open-ended`;
}

function origin(row: { builtIn: boolean; createdBy: string; createdAt: Date; packVersion: string | null }): string {
  if (row.builtIn) return 'built-in';
  if (row.packVersion) return `public data ${row.packVersion}`;
  return `recorded by ${row.createdBy} on ${row.createdAt.toISOString().slice(0, 10)}`;
}

/** One regime row: category, rate, threatened, basis, period, source. */
export function regimeLine(r: TariffRegime): Mrkdwn {
  const ended = r.endedByWorkspaceRow ? ' (ended early in this workspace by a newer regime)' : '';
  return mrkdwn`${categoryLabel(r.category)}: ${describeCurrent(r)}, threatened ${formatPercent(r.threatenedRate)} — ${truncate(r.legalBasis, 300)} — ${period(r)}${ended} — ${sourceLink(r)} · ${truncate(origin(r), 100)}`.truncate(
    900,
  );
}

export function baselineLine(b: ImportBaseline): Mrkdwn {
  return mrkdwn`${categoryLabel(b.category)}: ${formatMoney(b.annualUsd)} a year in ${b.year}${b.basis ? ` (${truncate(b.basis, 300)})` : ''} — ${sourceLink(b)} · ${truncate(origin(b), 100)}`.truncate(
    900,
  );
}

function arithmetic(l: ExposureLine): string {
  const what = `${categoryLabel(l.category)}: ${formatMoney(l.importUsd)} of imports (${l.baseline.year})${
    l.subtracted.length ? `, after taking out ${l.subtracted.map(categoryLabel).join(', ')},` : ''
  }`;
  if (l.addedDutyUsd === null || l.current === null || l.threatened === null) return `• ${what} — not counted: no regime to apply`;
  const via = l.regimeCategory && l.regimeCategory !== l.category ? ` at the ${categoryLabel(l.regimeCategory)} regime` : '';
  const current = `${formatPercent(l.current)}${l.currentNote ? ` (${l.currentNote})` : ''}`;
  const gap = Math.max(0, l.threatened - l.current);
  const noGap = l.threatened <= l.current ? ' — the current rate is already at or above the threatened one, so nothing is added' : '';
  return `• ${what}${via}: threatened ${formatPercent(l.threatened)} − current ${current} = ${formatPercent(gap)} → *${formatMoney(l.addedDutyUsd)} a year*${noGap}`;
}

/** The body of an exposure answer for one deal (no header). */
export function exposureBlocks(e: DealExposure, partner: string): Block[] {
  const blocks: Block[] = [];
  const name = mrkdwn`*${e.dealCode} — ${partner}*`;
  if (e.annualUsd === null) {
    blocks.push(
      section(
        mrkdwn`${name}: *no data* — ${e.noDataReason ?? 'no data recorded'}. No figure is given rather than a misleading zero. See \`tariffs ${e.dealCode}\`.`,
      ),
    );
  } else {
    blocks.push(
      section(mrkdwn`${name}: about *${formatMoney(e.annualUsd)} a year* in added duty if the snap-back rate were applied (as of ${formatDate(e.asOf)}).`),
    );
  }
  const how = e.lines.map(arithmetic);
  for (const u of e.uncovered) {
    const rate = u.lookup.status === 'none' ? 'no regime in force' : describeCurrent(u.lookup.regime);
    how.push(
      `• ${categoryLabel(u.category)} (${rate}): no import baseline of its own — ${
        u.insideLine ? 'its imports are inside the all-goods row, which is taxed here at the other-goods rate' : 'not counted'
      }.`,
    );
  }
  if (how.length) blocks.push(section(mrkdwn`*How it is computed* — import value × max(0, threatened − current)\n${how.join('\n')}`));

  const rows: Mrkdwn[] = [];
  for (const r of e.regimesUsed) rows.push(mrkdwn`• Regime ${regimeLine(r)}`);
  for (const b of e.baselinesUsed) rows.push(mrkdwn`• Baseline ${baselineLine(b)}`);
  if (e.baselinesUsed.some((b) => b.category === 'all') && !e.baselinesUsed.some((b) => b.category !== 'all')) {
    rows.push(mrkdwn`• The baseline is one "all goods" row: the sources give no split by category, so none is invented.`);
  }
  if (rows.length) blocks.push(section(mrkdwn`*Rows used*\n${joinMrkdwn(rows, '\n')}`));

  for (const m of e.mfnAssumptions) {
    blocks.push(
      section(
        m.overridden
          ? mrkdwn`*MFN rate*: ${formatPercent(m.rate)} from the scenario (the recorded assumption is ${formatPercent(m.regime.assumedMfnRate ?? 0)}).`
          : mrkdwn`*MFN assumption* (${categoryLabel(m.regime.category)}): ${formatPercent(m.rate)} — ${truncate(m.regime.mfnSource ?? 'no source recorded', 700)}`,
      ),
    );
  }
  for (const w of e.warnings) blocks.push(section(mrkdwn`:warning: ${w}`));
  return blocks;
}
