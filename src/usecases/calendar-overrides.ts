/**
 * Adding or removing a closed day. Overrides apply from then on: every running clock on a
 * calendar that contains the changed base calendar is recomputed in the same
 * transaction, and the dates that moved are reported.
 */
import type { BaseCalendarId } from '../calendar/holiday-data.ts';
import type { CivilDate } from '../core/civil-date.ts';
import type { CommandContext } from './context.ts';
import { effectiveDueOn } from './due-date.ts';

export interface OverrideChange {
  calendar: BaseCalendarId;
  date: CivilDate;
  /** null removes the override. */
  action: 'close' | 'open' | null;
  reason: string;
}

export async function setCalendarOverride(
  ctx: CommandContext,
  change: OverrideChange,
): Promise<{ moved: { slug: string; before: CivilDate; after: CivilDate }[] }> {
  const deals = await ctx.deals();
  return ctx.write(async (store) => {
    const before = (await store.overrides.list()).find((o) => o.calendar === change.calendar && o.date === change.date);
    if (change.action === null) await store.overrides.remove(change.calendar, change.date);
    else
      await store.overrides.upsert({ calendar: change.calendar, date: change.date, action: change.action, reason: change.reason, createdBy: ctx.actor.userId });
    await store.audit.record(ctx.actor, {
      action: 'calendar.override',
      subject: `${change.calendar} ${change.date}`,
      before: before ? { action: before.action, reason: before.reason } : null,
      after: change.action ? { action: change.action, reason: change.reason } : null,
    });
    const registry = await ctx.calendars(store.query);
    const moved: { slug: string; before: CivilDate; after: CivilDate }[] = [];
    for (let offset = 0; ; offset += 1000) {
      const { projects } = await store.projects.list({ stages: ['selected'], limit: 1000, offset });
      if (projects.length === 0) break;
      for (const p of projects) {
        const deal = deals.get(p.dealCode)!;
        if (!(p.calendar ?? deal.clockCalendar).split('+').includes(change.calendar)) continue;
        const due = effectiveDueOn(p, deal, registry);
        if (due && due !== p.dueOn) {
          await store.projects.update(p.id, { dueOn: due });
          await store.audit.record(ctx.actor, {
            action: 'project.edit',
            projectId: p.id,
            subject: p.slug,
            before: { dueOn: p.dueOn },
            after: { dueOn: due, because: overrideCause(change.calendar, change.date) },
          });
          moved.push({ slug: p.slug, before: p.dueOn!, after: due });
        }
      }
    }
    return { moved };
  });
}

/**
 * Why a due date moved by itself, as the audit trail records it (and `history` reads it
 * back to say it in the reader's words): a calendar override, or a public-data closure.
 */
export const PUBLIC_CLOSURE_CAUSE = 'public-data closure';

export function overrideCause(calendar: string, date: string): string {
  return `${calendar} ${date} override`;
}

/** The calendar and date of a recorded `overrideCause`, or undefined for any other text. */
export function parseOverrideCause(cause: string): { calendar: string; date: string } | undefined {
  const m = /^([A-Z]{2}-[A-Z]+) (\d{4}-\d{2}-\d{2}) override$/.exec(cause);
  return m ? { calendar: m[1]!, date: m[2]! } : undefined;
}
