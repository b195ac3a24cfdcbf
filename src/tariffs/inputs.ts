/**
 * Validation of what users type for tariff data: categories, rates, "MFN + x", source
 * URLs, years and scenario overrides. One set of rules for the commands and the CSV
 * import, so both refuse the same input with the same words.
 */
import type { Phrase } from '../core/errors.ts';
import { phrase } from '../i18n/error-message.ts';
import { yearOf, type CivilDate } from '../core/civil-date.ts';
import { parsePercent } from '../core/values.ts';
import { UserError } from '../core/errors.ts';
import { RELIABILITIES, type RateKind, type Reliability } from './model.ts';
import type { Scenario } from './exposure.ts';

const CATEGORY = /^[a-z][a-z0-9-]{0,39}$/;
export const MIN_BASELINE_YEAR = 1990;
export const MAX_URL_LENGTH = 500;
export const MAX_TEXT = 300;
export const MAX_NOTE = 1000;

export function validCategory(raw: string, key = 'category'): string {
  const category = raw.trim().toLowerCase();
  if (!CATEGORY.test(category)) {
    throw new UserError('invalid_value', {
      key,
      value: raw.slice(0, 40),
      reason: phrase('tariffs.input.category'),
    });
  }
  return category;
}

/**
 * An http(s) URL. Slack wraps links it recognises as `<https://…>` or `<https://…|label>`;
 * that markup is removed first.
 */
export function parseSourceUrl(raw: string, key = 'source'): string {
  let text = raw.trim();
  const wrapped = /^<([^<>|]+)(?:\|[^<>]*)?>$/.exec(text);
  if (wrapped) text = wrapped[1]!;
  const refuse = (reason: Phrase) => new UserError('invalid_value', { key, value: raw.slice(0, 80), reason });
  if (text.length > MAX_URL_LENGTH) throw refuse(phrase('tariffs.input.url_length', { max: String(MAX_URL_LENGTH) }));
  // These would break the link markup every answer shows the source in.
  if (/[\s<>|]/.test(text)) throw refuse(phrase('tariffs.input.url_characters'));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse(phrase('tariffs.input.url'));
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw refuse(phrase('tariffs.input.url'));
  }
  return text;
}

/**
 * `15%` (flat), `MFN+10%` / `MFN + 10%` (added to an assumed average MFN rate) or
 * `max(MFN,12.5%)` (a total of at least 12.5%: "12.5% net of MFN").
 */
export function parseCurrentRate(raw: string): { kind: RateKind; rate: number } {
  const plus = /^\s*mfn\s*\+\s*(.+)$/i.exec(raw);
  if (plus) return { kind: 'mfn_plus', rate: percent('current', plus[1]!) };
  const max = /^\s*max\s*\(\s*mfn\s*,\s*([^()]+?)\s*\)\s*$/i.exec(raw);
  if (max) return { kind: 'mfn_max', rate: percent('current', max[1]!) };
  return { kind: 'flat', rate: percent('current', raw) };
}

/** A percentage 0..200 with the option's own key in the message. */
export function percent(key: string, raw: string): number {
  try {
    return parsePercent(raw);
  } catch (err) {
    if (err instanceof UserError) {
      throw new UserError('invalid_value', { key, value: raw.slice(0, 40), reason: err.details.reason ?? phrase('tariffs.input.percent') });
    }
    throw err;
  }
}

export function parseYear(raw: string, today: CivilDate, key = 'year'): number {
  const year = Number(raw.trim());
  const max = yearOf(today);
  if (!/^\d{4}$/.test(raw.trim()) || year < MIN_BASELINE_YEAR || year > max) {
    throw new UserError('invalid_value', {
      key,
      value: raw.slice(0, 20),
      reason: phrase('tariffs.input.year', { min: String(MIN_BASELINE_YEAR), max: String(max) }),
    });
  }
  return year;
}

export function parseReliability(raw: string | undefined, fallback: Reliability): Reliability {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase() as Reliability;
  if (!RELIABILITIES.includes(value)) {
    throw new UserError('invalid_value', {
      key: 'reliability',
      value: raw.slice(0, 20),
      reason: phrase('tariffs.input.reliability', { allowed: RELIABILITIES.join(', ') }),
    });
  }
  return value;
}

/**
 * Scenario options: `threatened=30%`, `mfn=2%`, `rate=autos:27.5%` (several as
 * `rate=autos:27.5%,other:12%`, since an option may be given only once).
 */
export function parseScenario(options: Record<string, string>): Scenario {
  const rates = new Map<string, number>();
  if (options.rate !== undefined) {
    for (const part of options.rate.split(',')) {
      const m = /^\s*([^:]+):(.+)$/.exec(part);
      if (!m) {
        throw new UserError('invalid_value', {
          key: 'rate',
          value: options.rate.slice(0, 60),
          reason: phrase('tariffs.input.rates'),
        });
      }
      const category = validCategory(m[1]!, 'rate');
      if (rates.has(category))
        throw new UserError('invalid_value', { key: 'rate', value: options.rate.slice(0, 60), reason: phrase('tariffs.input.twice', { category }) });
      rates.set(category, percent('rate', m[2]!));
    }
  }
  return {
    rates,
    ...(options.threatened !== undefined ? { threatened: percent('threatened', options.threatened) } : {}),
    ...(options.mfn !== undefined ? { mfn: percent('mfn', options.mfn) } : {}),
  };
}

/** `threatened=30% mfn=2% rate=autos:27.5%` as typed, for the answer's footer. */
export function describeScenario(s: Scenario): string {
  const parts: string[] = [];
  if (s.threatened !== undefined) parts.push(`threatened=${s.threatened}%`);
  if (s.mfn !== undefined) parts.push(`mfn=${s.mfn}%`);
  if (s.rates.size) parts.push(`rate=${[...s.rates].map(([c, r]) => `${c}:${r}%`).join(',')}`);
  return parts.join(' ');
}
