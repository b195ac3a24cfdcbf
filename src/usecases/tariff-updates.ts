/**
 * Changes to tariff data. Validated in full before anything is written; written in one
 * transaction together with the audit event, so refused input leaves nothing behind.
 * History is kept: a new regime ends the open one the day before it starts, and no row is
 * ever overwritten or deleted.
 */
import { addDays } from '../core/civil-date.ts';
import type { CommandContext } from './context.ts';
import type { NewBaseline, NewRegime } from '../db/tariffs.ts';
import { UserError } from '../core/errors.ts';
import { phrase } from '../i18n/error-message.ts';
import { visibleRegimes, type ImportBaseline, type TariffRegime } from '../tariffs/model.ts';

export interface RegimeChange {
  regime: TariffRegime;
  /** The row that the new one ended (effective_to set, or brought forward in this workspace's view). */
  closed: TariffRegime | undefined;
}

export async function recordRegime(ctx: CommandContext, input: Omit<NewRegime, 'createdBy'>): Promise<RegimeChange> {
  if (input.effectiveTo !== null && input.effectiveTo < input.effectiveFrom) {
    throw new UserError('invalid_value', { key: 'to', value: input.effectiveTo, reason: phrase('tariffs.to_before_from', { from: input.effectiveFrom }) });
  }
  return ctx.write(async (store) => {
    await store.tariffs.lockWrites();
    const rows = visibleRegimes(await store.tariffs.regimes(input.dealCode)).filter((r) => r.category === input.category);
    const latest = rows[rows.length - 1];
    // History moves forward only: a regime starting on or before the latest recorded start
    // would leave an earlier row ending before it began.
    if (latest && input.effectiveFrom <= latest.effectiveFrom) {
      throw new UserError('invalid_value', {
        key: 'from',
        value: input.effectiveFrom,
        reason: ctx.tr.text('tariffs.from_not_after_latest', { deal: input.dealCode, category: input.category, date: ctx.tr.date(latest.effectiveFrom) }),
      });
    }
    const dayBefore = addDays(input.effectiveFrom, -1);
    let closed: TariffRegime | undefined;
    if (latest && (latest.effectiveTo === null || latest.effectiveTo > dayBefore)) {
      if (latest.builtIn) {
        // Built-in rows are shared by every workspace; this workspace's view ends it
        // (visibleRegimes) from the new row's start, and the audit event records that.
        closed = latest;
      } else {
        closed = await store.tariffs.closeRegime(latest.id, dayBefore);
      }
    }
    const regime = await store.tariffs.insertRegime({ ...input, createdBy: ctx.actor.userId });
    await store.audit.record(ctx.actor, {
      action: 'tariff.set',
      subject: `${input.dealCode}/${input.category}`,
      before: closed ? { ...auditRegime(closed), effectiveTo: closed.effectiveTo } : null,
      after: { ...auditRegime(regime), closes: closed ? { id: closed.id, builtIn: closed.builtIn, effectiveTo: dayBefore } : null },
    });
    return { regime, closed: closed ? { ...closed, effectiveTo: dayBefore } : undefined };
  });
}

export async function recordBaselines(ctx: CommandContext, batch: Omit<NewBaseline, 'createdBy'>[], file?: string): Promise<ImportBaseline[]> {
  return ctx.write(async (store) => {
    await store.tariffs.lockWrites();
    const inserted = await store.tariffs.insertBaselines(batch.map((b) => ({ ...b, createdBy: ctx.actor.userId })));
    for (const b of inserted) {
      await store.audit.record(ctx.actor, {
        action: 'baseline.set',
        subject: `${b.dealCode}/${b.category}/${b.year}`,
        after: {
          id: b.id,
          dealCode: b.dealCode,
          category: b.category,
          annualUsd: b.annualUsd,
          year: b.year,
          basis: b.basis,
          sourceUrl: b.sourceUrl,
          reliability: b.reliability,
          ...(file ? { file } : {}),
        },
      });
    }
    return inserted;
  });
}

function auditRegime(r: TariffRegime): Record<string, unknown> {
  return {
    id: r.id,
    builtIn: r.builtIn,
    dealCode: r.dealCode,
    category: r.category,
    rateKind: r.rateKind,
    rate: r.rate,
    assumedMfnRate: r.assumedMfnRate,
    threatenedRate: r.threatenedRate,
    legalBasis: r.legalBasis,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    sourceUrl: r.sourceUrl,
    reliability: r.reliability,
  };
}
