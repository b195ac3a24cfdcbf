/**
 * How tariff answers read. Every answer shows its as-of date, the regime and baseline
 * rows it used with their sources and dates, the MFN assumption where one was used, and
 * plain warnings: a number without its provenance is not something a desk can quote.
 */
import { AS_STORED, type DataText } from '../usecases/public-data/data-text.ts';
import { joinMrkdwn, link, mrkdwn, type Mrkdwn } from '../core/mrkdwn.ts';
import type { Translator } from '../i18n/translator.ts';
import { section, truncate, type Block } from './reply.ts';
import type { DealExposure, ExposureLine } from '../tariffs/exposure.ts';
import type { FactLabel, ImportBaseline, Reliability, TariffRegime } from '../tariffs/model.ts';
import { categoryName, currentNoteText, describeCurrent, noDataText, warningText } from '../tariffs/words.ts';

/** `<url|source> (primary source)`, or the source's title where it has no URL; with the fact label of public data. */
export function sourceLink(
  tr: Translator,
  row: { sourceUrl: string | null; sourceTitle?: string | null; reliability: Reliability; label?: FactLabel | null },
): Mrkdwn {
  const where = row.sourceUrl
    ? link(row.sourceUrl, row.sourceTitle ? truncate(row.sourceTitle, 120) : tr.text('tariffs.source_word'))
    : tr.mrkdwn('tariffs.source_title', { title: truncate(row.sourceTitle ?? tr.text('tariffs.not_recorded'), 200) });
  return tr.mrkdwn('tariffs.source', {
    where,
    reliability: tr.text('tariffs.reliability', { reliability: row.reliability }),
    label: row.label ? tr.text('tariffs.source_label', { label: tr.text('fact.label', { label: row.label }) }) : '',
  });
}

export function period(tr: Translator, r: Pick<TariffRegime, 'effectiveFrom' | 'effectiveTo'>): string {
  return r.effectiveTo
    ? tr.text('tariffs.period_closed', { from: tr.date(r.effectiveFrom), to: tr.date(r.effectiveTo) })
    : tr.text('tariffs.period_open', { from: tr.date(r.effectiveFrom) });
}

function origin(tr: Translator, row: { builtIn: boolean; createdBy: string; createdAt: Date; packVersion: string | null }): string {
  if (row.builtIn) return tr.text('tariffs.origin_built_in');
  if (row.packVersion) return tr.text('tariffs.origin_pack', { version: row.packVersion });
  return tr.text('tariffs.origin_recorded', { who: row.createdBy, date: tr.day(row.createdAt.toISOString().slice(0, 10)) });
}

/** One regime row: category, rate, threatened, basis, period, source. */
export function regimeLine(tr: Translator, r: TariffRegime, text: DataText = AS_STORED): Mrkdwn {
  return tr
    .mrkdwn('tariffs.regime_line', {
      category: categoryName(tr, r.category),
      current: describeCurrent(tr, r),
      threatened: tr.percent(r.threatenedRate),
      basis: truncate(text(r.legalBasis), 300),
      period: period(tr, r),
      ended: r.endedByWorkspaceRow ? tr.text('tariffs.ended_early') : '',
      source: sourceLink(tr, r),
      origin: truncate(origin(tr, r), 100),
    })
    .truncate(900);
}

export function baselineLine(tr: Translator, b: ImportBaseline, text: DataText = AS_STORED): Mrkdwn {
  return tr
    .mrkdwn('tariffs.baseline_line', {
      category: categoryName(tr, b.category),
      amount: tr.money(b.annualUsd),
      year: String(b.year),
      basis: b.basis ? tr.text('tariffs.basis', { basis: truncate(text(b.basis), 300) }) : '',
      source: sourceLink(tr, b),
      origin: truncate(origin(tr, b), 100),
    })
    .truncate(900);
}

function arithmetic(tr: Translator, l: ExposureLine): string {
  const what = tr.text('exposure.line_what', {
    category: categoryName(tr, l.category),
    imports: tr.money(l.importUsd),
    year: String(l.baseline.year),
    subtracted: l.subtracted.length ? tr.text('exposure.line_subtracted', { categories: l.subtracted.map((c) => categoryName(tr, c)).join(tr.separator) }) : '',
  });
  if (l.addedDutyUsd === null || l.current === null || l.threatened === null) return tr.text('exposure.line_not_counted', { what });
  const via = l.regimeCategory && l.regimeCategory !== l.category ? tr.text('exposure.line_via', { category: categoryName(tr, l.regimeCategory) }) : '';
  const current = l.currentNote
    ? tr.text('exposure.line_current', { rate: tr.percent(l.current), note: currentNoteText(tr, l.currentNote) })
    : tr.percent(l.current);
  const gap = Math.max(0, l.threatened - l.current);
  return tr.text('exposure.line', {
    what,
    via,
    threatened: tr.percent(l.threatened),
    current,
    gap: tr.percent(gap),
    amount: tr.money(l.addedDutyUsd),
    noGap: l.threatened <= l.current ? tr.text('exposure.line_no_gap') : '',
  });
}

/** The body of an exposure answer for one deal (no header). */
export function exposureBlocks(tr: Translator, e: DealExposure, partner: string, text: DataText = AS_STORED): Block[] {
  const blocks: Block[] = [];
  const name = tr.mrkdwn('tariffs.deal_heading', { code: e.dealCode, partner: tr.text('deal.partner', { code: e.dealCode, partner }) });
  if (e.annualUsd === null) {
    blocks.push(
      section(
        tr.mrkdwn('exposure.no_data', {
          name,
          reason: e.noDataReason ? noDataText(tr, e.noDataReason) : tr.text('stake.no_data'),
          deal: e.dealCode,
        }),
      ),
    );
  } else {
    blocks.push(section(tr.mrkdwn('exposure.total', { name, amount: tr.money(e.annualUsd), asOf: tr.date(e.asOf) })));
  }
  const how = e.lines.map((l) => arithmetic(tr, l));
  for (const u of e.uncovered) {
    const rate = u.lookup.status === 'none' ? tr.text('exposure.no_regime_in_force') : describeCurrent(tr, u.lookup.regime);
    how.push(tr.text('exposure.uncovered', { category: categoryName(tr, u.category), rate, inside: u.insideLine ? 'yes' : 'no' }));
  }
  if (how.length) blocks.push(section(tr.mrkdwn('exposure.how', { lines: how.join('\n') })));

  const rows: Mrkdwn[] = [];
  for (const r of e.regimesUsed) rows.push(tr.mrkdwn('exposure.row_regime', { line: regimeLine(tr, r, text) }));
  for (const b of e.baselinesUsed) rows.push(tr.mrkdwn('exposure.row_baseline', { line: baselineLine(tr, b, text) }));
  if (e.baselinesUsed.some((b) => b.category === 'all') && !e.baselinesUsed.some((b) => b.category !== 'all')) {
    rows.push(tr.mrkdwn('exposure.one_row'));
  }
  if (rows.length) blocks.push(section(tr.mrkdwn('exposure.rows_used', { rows: joinMrkdwn(rows, '\n') })));

  for (const m of e.mfnAssumptions) {
    blocks.push(
      section(
        m.overridden
          ? tr.mrkdwn('exposure.mfn_scenario', { rate: tr.percent(m.rate), recorded: tr.percent(m.regime.assumedMfnRate ?? 0) })
          : tr.mrkdwn('exposure.mfn_assumption', {
              category: categoryName(tr, m.regime.category),
              rate: tr.percent(m.rate),
              source: truncate(m.regime.mfnSource ? text(m.regime.mfnSource) : tr.text('exposure.no_source'), 700),
            }),
      ),
    );
  }
  for (const w of e.warnings) blocks.push(section(mrkdwn`:warning: ${warningText(tr, w)}`));
  return blocks;
}
