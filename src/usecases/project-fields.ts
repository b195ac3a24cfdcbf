/**
 * Validation of the fields a user sets with `add`, `edit`, the modal and CSV import:
 * one set of rules, so every surface refuses the same bad input with the same words.
 */
import { phrase } from '../i18n/error-message.ts';
import { parseCalendarId } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import { isValidSlug, parseChannelRef, parseDateValue, parseMoney, slugify, validText } from '../core/values.ts';
import type { ProjectFields } from '../db/projects.ts';
import { UserError } from '../core/errors.ts';
import type { Deal } from '../domain/project.ts';

export const MAX_NAME = 200;
export const MAX_TEXT_FIELD = 200;

export function validName(raw: string): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) throw new UserError('invalid_name', { reason: phrase('reason.empty') });
  if (name.length > MAX_NAME) throw new UserError('invalid_name', { reason: phrase('reason.too_long', { max: String(MAX_NAME) }) });
  return name;
}

export function validSlug(raw: string, key = 'slug'): string {
  // NFKC as the slug of a name is made: `ﾃｷｻｽ` and `テキサス` are the same slug.
  const slug = raw.normalize('NFKC').trim().toLowerCase();
  if (!isValidSlug(slug)) {
    throw new UserError('invalid_value', {
      key,
      value: raw.slice(0, 80),
      reason: phrase('reason.slug'),
    });
  }
  return slug;
}

export function slugForName(name: string, explicit?: string): string {
  if (explicit !== undefined) return validSlug(explicit);
  const slug = slugify(name);
  if (!slug) throw new UserError('invalid_value', { key: 'slug', value: '', reason: phrase('reason.no_slug') });
  return slug;
}

export function validDeal(raw: string, deals: Map<string, Deal>): Deal {
  const deal = deals.get(raw.normalize('NFKC').trim().toUpperCase());
  if (!deal) throw new UserError('unknown_deal', { value: raw.slice(0, 40), allowed: [...deals.keys()].join(', ') });
  return deal;
}

export function validChannel(raw: string): string | null {
  if (raw.trim() === '') return null;
  const id = parseChannelRef(raw.trim());
  if (!id) throw new UserError('invalid_value', { key: 'channel', value: raw.slice(0, 40), reason: phrase('reason.channel') });
  return id;
}

export function validCalendar(raw: string): string | null {
  if (raw.trim() === '') return null;
  return parseCalendarId(raw).join('+');
}

/** Parses the optional descriptive fields shared by `add` and `edit`. Empty values clear. */
export function parseDescriptiveFields(options: Record<string, string>, today: CivilDate): Partial<ProjectFields> {
  const out: Partial<ProjectFields> = {};
  if (options.cost !== undefined) {
    out.costUsd = options.cost.trim() === '' ? null : parseMoney(options.cost);
    // A cost typed by a user is the amount as it is, not "up to" or "about".
    out.costQualifier = null;
  }
  if (options.sector !== undefined) out.sector = validText('sector', options.sector, MAX_TEXT_FIELD);
  if (options.sponsor !== undefined) out.sponsor = validText('sponsor', options.sponsor, MAX_TEXT_FIELD);
  if (options.location !== undefined) out.location = validText('location', options.location, MAX_TEXT_FIELD);
  if (options.announced !== undefined) out.announcedOn = options.announced.trim() === '' ? null : parseDateValue(options.announced, today);
  if (options.channel !== undefined) out.channelId = validChannel(options.channel);
  if (options.calendar !== undefined) out.calendar = validCalendar(options.calendar);
  return out;
}
