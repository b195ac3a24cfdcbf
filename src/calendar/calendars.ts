/**
 * Calendar ids and the registry that hands out business calendars.
 *
 * An id is one base calendar or a joint such as `US-FRB+JP-BANK` (open only when every
 * part is open). Ids are read case-insensitively, spaces around `+` are allowed, and the
 * canonical form keeps the parts in the order given, de-duplicated.
 */

import { UserError } from '../core/errors.ts';
import { BusinessCalendar, type CalendarOverride } from './business-calendar.ts';
import { BASE_CALENDARS, isBaseCalendarId, type BaseCalendarId } from './holiday-data.ts';

/**
 * Other names people type. `US-FED` is what the research notes and many desks call the
 * Federal Reserve calendar.
 */
const ALIASES: Readonly<Record<string, BaseCalendarId>> = {
  'US-FED': 'US-FRB',
};

const MAX_ID_LENGTH = 100;

function unknownCalendar(value: string): UserError {
  return new UserError('unknown_calendar', { value, allowed: BASE_CALENDARS.join(', ') });
}

/** `us-frb + jp-bank` → `['US-FRB', 'JP-BANK']`. Throws `unknown_calendar` for anything else. */
export function parseCalendarId(text: string): BaseCalendarId[] {
  // NFKC: `ＵＳ－ＦＲＢ` from a keyboard left in full-width mode.
  const trimmed = typeof text === 'string' ? text.normalize('NFKC').trim() : '';
  if (trimmed === '' || trimmed.length > MAX_ID_LENGTH) throw unknownCalendar(trimmed.slice(0, MAX_ID_LENGTH));
  const parts: BaseCalendarId[] = [];
  for (const raw of trimmed.split('+')) {
    const word = raw.trim().toUpperCase();
    const id = isBaseCalendarId(word) ? word : ALIASES[word];
    if (id === undefined) throw unknownCalendar(raw.trim() === '' ? trimmed : raw.trim());
    if (!parts.includes(id)) parts.push(id);
  }
  return parts;
}

/** Canonical id of a list of base calendars: `US-FRB+JP-BANK`. */
export function formatCalendarId(parts: readonly BaseCalendarId[]): string {
  return [...new Set(parts)].join('+');
}

/** The overrides of one base calendar, as a comparable key. */
function overrideKey(overrides: readonly CalendarOverride[], part: BaseCalendarId): string {
  return JSON.stringify(overrides.filter((o) => o.calendar === part).map((o) => [o.date, o.action, o.reason]));
}

/**
 * Hands out calendars by id, built once and cached. Overrides are fixed for the life of
 * a registry; when they change, take `withOverrides(all)` and use the new registry
 * (calendars the change does not touch are carried over, the rest are rebuilt).
 */
export class CalendarRegistry {
  readonly overrides: readonly CalendarOverride[];
  readonly #cache = new Map<string, BusinessCalendar>();

  constructor(overrides: CalendarOverride[] = []) {
    this.overrides = Object.freeze(overrides.map((o) => ({ ...o })));
  }

  /** The calendar for an id such as `JP-BANK` or `us-frb+jp-bank`. Throws `unknown_calendar`. */
  get(id: string): BusinessCalendar {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const parts = parseCalendarId(id);
    const canonical = formatCalendarId(parts);
    let calendar = this.#cache.get(canonical);
    if (!calendar) {
      calendar = new BusinessCalendar(
        parts,
        this.overrides.filter((o) => parts.includes(o.calendar)),
      );
      this.#cache.set(canonical, calendar);
    }
    // Remember the spelling too, so repeated lookups skip parsing.
    if (id !== canonical && this.#cache.size < 1_000) this.#cache.set(id, calendar);
    return calendar;
  }

  /** A new registry with `overrides` replacing the current ones. */
  withOverrides(overrides: CalendarOverride[]): CalendarRegistry {
    const next = new CalendarRegistry(overrides);
    for (const [key, calendar] of this.#cache) {
      if (key !== calendar.id) continue;
      const unchanged = calendar.parts.every((p) => overrideKey(this.overrides, p) === overrideKey(next.overrides, p));
      if (unchanged) next.#cache.set(key, calendar);
    }
    return next;
  }
}
