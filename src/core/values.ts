/**
 * Parsers and formatters for the values users type into `/invest`: dates, US-dollar
 * amounts, percentages, project slugs and channel references.
 *
 * Parsers accept the forms people actually write in deal chat (`2.1B`, `$2.1bn`,
 * `350 million`, `US$33bn`, `1,200,000,000`) and reject everything else with a
 * `UserError`, so that a typo never becomes a plausible-looking wrong number.
 */

import type { CivilDate } from './civil-date.ts';
import { addDays, dayNumberOf } from './civil-date.ts';
import { UserError } from './errors.ts';
import {
  type Decimal,
  divideRounded,
  foldValue,
  offsetOfDayWord,
  parseJapaneseDate,
  parseJapaneseUnits,
  parseYenRate,
  splitCurrency,
} from './japanese-input.ts';

export const MIN_DATE: CivilDate = '2000-01-01';
export const MAX_DATE: CivilDate = '2099-12-31';

/** US$1,000tn: far above any deal, low enough to stay an exact JS integer. */
export const MAX_MONEY = 1e15;

export const MAX_SLUG_LENGTH = 60;

// ---------------------------------------------------------------------------- dates

/** Dashes an IME types between the parts of a date (`2026ー02ー17`, `2026−02−17`). */
const DATE_DASH = /(?<=\d)[\u2010-\u2015\u2212\u30FC](?=\d)/g;

/**
 * `YYYY-MM-DD` (a real date: 2026-02-30 is not), or `today`, `yesterday`, `tomorrow`
 * relative to `today` (the caller's civil date in the workspace time zone), or a Japanese
 * form (`2026年2月17日`, `2月17日` in the year of `today`, `令和8年2月17日`, `2026/2/17`,
 * `今日`, `昨日`, `明日`; a weekday such as `（火）` after any of them is checked against
 * the date), full-width or not. Dates outside 2000-01-01..2099-12-31 are refused: the
 * holiday calendars do not cover them, and such a date in this tool is nearly always a
 * typo (`0226-02-17`).
 *
 * Throws `UserError` `invalid_date`, `date_out_of_range`, `wrong_weekday`,
 * `era_out_of_range` or `hidden_character`.
 */
export function parseDateValue(text: string, today: CivilDate): CivilDate {
  const invalid = () => new UserError('invalid_date', { value: text });
  const folded = foldValue(text, invalid);
  let date: CivilDate;
  if (dayNumberOf(folded) !== undefined) date = folded;
  else {
    const input = folded.replace(DATE_DASH, '-');
    const word = input.toLowerCase();
    const offset = word === 'today' ? 0 : word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : offsetOfDayWord(word);
    if (dayNumberOf(input) !== undefined) date = input;
    else if (offset !== undefined) date = addDays(today, offset);
    else {
      const japanese = parseJapaneseDate(input, text, today);
      if (japanese === undefined) throw invalid();
      date = japanese;
    }
  }
  // Zero-padded ISO dates order the same as strings.
  if (date < MIN_DATE || date > MAX_DATE) {
    throw new UserError('date_out_of_range', { value: date, min: MIN_DATE, max: MAX_DATE });
  }
  return date;
}

// ---------------------------------------------------------------------------- money

const MONEY_UNITS: Readonly<Record<string, number>> = {
  k: 3,
  thousand: 3,
  m: 6,
  mn: 6,
  mm: 6,
  mln: 6,
  million: 6,
  b: 9,
  bn: 9,
  bln: 9,
  billion: 9,
  t: 12,
  tn: 12,
  trillion: 12,
};

/**
 * After lower-casing and collapsing spaces: optional `us$`/`usd`/`$`, a number (commas
 * only in groups of three), optional unit, optional trailing `usd`. No sign: a negative
 * amount is never meant here.
 */
const MONEY =
  /^(?:(?:us ?\$|usd|\$) ?)?(\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))(?:\.(\d+))?(?: ?(k|thousand|mn|mm|mln|million|m|bn|bln|billion|b|tn|trillion|t))?(?: ?usd)?$/;

/** The number a `MONEY` match stands for, exactly. */
function decimalOf(m: RegExpExecArray): Decimal {
  const whole = (m[1] ?? '').replace(/,/g, '');
  const fraction = m[2] ?? '';
  // Exact decimal arithmetic: 2.1 * 1e9 in floating point is 2100000000.0000002, and a
  // 4,000-digit number must not become Infinity before it is range-checked.
  return { digits: BigInt(whole + fraction || '0'), exponent: (m[3] ? MONEY_UNITS[m[3]]! : 0) - fraction.length };
}

/** Whole dollars, rounded half up. */
function wholeDollars({ digits, exponent }: Decimal): bigint {
  if (exponent >= 0) return digits * 10n ** BigInt(exponent);
  const divisor = 10n ** BigInt(-exponent);
  const dollars = digits / divisor;
  return (digits % divisor) * 2n >= divisor ? dollars + 1n : dollars;
}

/**
 * A US-dollar amount in whole dollars: `2.1B`, `$2.1bn`, `600M`, `600mn`, `350 million`,
 * `1.5 billion`, `US$33bn`, `USD 33bn`, `33bn USD`, `1,200,000,000`, `$5k`, `2.1T`; in
 * Japanese units `21億ドル`, `21.5億ドル`, `1兆2000億ドル`, `2,100万ドル`, `21億米ドル`,
 * `US$21億`; and a yen amount with the yen-per-dollar rate the user used after `@`:
 * `3400億円@150`, `¥340bn@150` (yen without a rate is refused: the rate is the user's
 * choice, not a fact this tool may pick). Full-width forms of all of these too. Zero is
 * allowed; fractions of a dollar are rounded (half up).
 *
 * Throws `UserError` `invalid_money` for anything else, including negative amounts,
 * misplaced commas and amounts above US$1,000tn; `invalid_japanese_amount`,
 * `money_two_currencies`, `yen_needs_rate`, `invalid_yen_rate`, `rate_without_yen` or
 * `hidden_character` for those mistakes in particular.
 */
export function parseMoney(text: string): number {
  const invalid = () => new UserError('invalid_money', { value: text });
  const input = foldValue(text, invalid).replace(/\s+/g, ' ').toLowerCase();
  const english = MONEY.exec(input);
  let dollars: bigint;
  if (english) {
    dollars = wholeDollars(decimalOf(english));
  } else {
    const [amountText, rateText, extra] = input.split('@');
    if (extra !== undefined) throw invalid();
    const { core, currency } = splitCurrency(amountText!.trim(), text);
    const plain = MONEY.exec(core);
    const amount = parseJapaneseUnits(core, text) ?? (plain ? decimalOf(plain) : undefined);
    if (amount === undefined) throw invalid();
    if (currency === 'jpy') {
      if (rateText === undefined) throw new UserError('yen_needs_rate', { value: text, example: `${amountText!.trim()}@150` });
      dollars = divideRounded(amount, parseYenRate(rateText, text));
    } else {
      if (rateText !== undefined) throw new UserError('rate_without_yen', { value: text });
      dollars = wholeDollars(amount);
    }
  }
  if (dollars > BigInt(MAX_MONEY)) throw invalid();
  return Number(dollars);
}

const MONEY_SCALES = [
  { size: 1e3, suffix: 'k' },
  { size: 1e6, suffix: 'm' },
  { size: 1e9, suffix: 'bn' },
  { size: 1e12, suffix: 'tn' },
] as const;

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `US$2.1bn`, `US$600m`, `US$1.25tn`, `US$950k`, `US$0`: the way the deal press writes
 * amounts, to at most three significant digits with trailing zeros dropped. Every output
 * parses back with `parseMoney`.
 */
export function formatMoney(usd: number): string {
  if (!Number.isFinite(usd)) throw new RangeError(`not an amount: ${usd}`);
  const n = Math.round(Math.abs(usd));
  const sign = usd < 0 && n !== 0 ? '-' : '';
  if (n < 1000) return `${sign}US$${n}`;

  let scale = MONEY_SCALES.length - 1;
  while (scale > 0 && n < MONEY_SCALES[scale]!.size) scale--;
  for (;;) {
    const { size, suffix } = MONEY_SCALES[scale]!;
    const scaled = n / size;
    // Rounding step for three significant digits, in whole dollars so the division by a
    // power of ten below is exact and prints without floating-point noise.
    const per = scaled >= 100 ? 1 : scaled >= 10 ? 10 : 100;
    const shown = Math.round(n / (size / per)) / per;
    // 999,960 rounds to 1,000k: say US$1m instead.
    if (shown >= 1000 && scale < MONEY_SCALES.length - 1) {
      scale++;
      continue;
    }
    return `${sign}US$${groupThousands(shown)}${suffix}`;
  }
}

// ---------------------------------------------------------------------------- percent

const PERCENT = /^(-?)(\d+(?:\.\d+)?|\.\d+) ?%?$/;

/**
 * A percentage as a plain number: `25%`, `25`, `27.5%`, `0%` give 25, 25, 27.5, 0.
 * Tariff rates above 200% are not a thing these deals deal in, so they are refused as
 * typos. Throws `UserError` `invalid_value` with key `rate`.
 */
export function parsePercent(text: string): number {
  const invalid = () => new UserError('invalid_value', { key: 'rate', value: text, reason: 'write a percentage such as `25%` or `27.5%`.' });
  const m = PERCENT.exec(foldValue(text, invalid));
  if (!m) throw invalid();
  const value = Number(m[2]) * (m[1] ? -1 : 1);
  if (!(value >= 0 && value <= 200)) {
    throw new UserError('invalid_value', { key: 'rate', value: text, reason: 'a rate must be between 0% and 200%.' });
  }
  return value === 0 ? 0 : value; // never -0
}

/** `15%`, `27.5%`; at most two decimals, so float noise never reaches a reply. */
export function formatPercent(p: number): string {
  const rounded = Math.round(p * 100) / 100;
  return `${rounded === 0 ? 0 : rounded}%`;
}

// ---------------------------------------------------------------------------- slugs

/**
 * The letters a slug may hold besides `a-z0-9`: hiragana, katakana (with the prolonged
 * sound mark ー, without the middle dot ・, which separates words), kanji (with 々 〆 〇)
 * and hangul syllables, so that a project named in Japanese or Korean keeps a slug its
 * team can read. migrations/0011_japanese_slugs.sql checks the same set.
 */
const SLUG_LETTERS =
  'a-z0-9\\u3005-\\u3007\\u3041-\\u3096\\u309D-\\u309F\\u30A1-\\u30FA\\u30FC-\\u30FF\\u31F0-\\u31FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uAC00-\\uD7A3\\u{20000}-\\u{3FFFF}';
const SLUG = new RegExp(`^[${SLUG_LETTERS}]+(?:-[${SLUG_LETTERS}]+)*$`, 'u');
const NOT_SLUG_LETTERS = new RegExp(`[^${SLUG_LETTERS}]+`, 'gu');

const ASCII = /^[\x00-\x7f]*$/;
/** A Latin letter outside ASCII, or any Latin letter with combining marks after it. */
const ACCENTED_LATIN = /(?:(?![a-z])\p{Script=Latin}|[a-z](?=\p{M}))\p{M}*/gu;

/** Letters that have no decomposition but an obvious ASCII spelling. */
const LATIN_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** Length in characters (code points), as Postgres counts it: a kanji outside the BMP is one. */
function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * The slug of a project name: `Texas GulfLink` → `texas-gulflink`,
 * `HPHT synthetic diamond grit (Georgia)` → `hpht-synthetic-diamond-grit-georgia`,
 * `Société Générale` → `societe-generale`, `テキサス・ガルフリンク` → `テキサス-ガルフリンク`,
 * `ﾃｷｻｽ LNG` → `テキサス-lng`. The name is folded with NFKC (width, half-width katakana),
 * Latin letters lose their accents, kana, kanji and hangul stay, and everything else is a
 * word break. At most 60 characters, cut between words when possible. Returns `''` when
 * no letter or digit remains (a name of emoji only); the caller then asks for `slug=`.
 */
export function slugify(name: string): string {
  const lower = name.normalize('NFKC').toLowerCase();
  const letters = ASCII.test(lower)
    ? lower // the common case, several times faster (CSV imports slugify every row)
    : lower
        // Accents come off Latin letters only: NFKD would also split `ガ` into `カ` and a mark.
        // Marks are stripped after lower-casing: `İ` lower-cases to `i` plus a combining dot.
        .replace(ACCENTED_LATIN, (c) => c.normalize('NFKD').replace(/\p{M}+/gu, ''))
        .replace(/[ßæœøđðłþı]/g, (c) => LATIN_LETTERS[c] ?? '')
        .replace(/\p{M}+/gu, '');
  const slug = letters.replace(NOT_SLUG_LETTERS, '-').replace(/^-+|-+$/g, '');
  if (characters(slug) <= MAX_SLUG_LENGTH) return slug;
  const chars = [...slug];
  let cut = chars.slice(0, MAX_SLUG_LENGTH).join('');
  if (chars[MAX_SLUG_LENGTH] !== '-') {
    const boundary = cut.lastIndexOf('-');
    if (boundary > 0) cut = cut.slice(0, boundary);
  }
  return cut.replace(/-+$/, '');
}

/** Words of lower-case ASCII letters, digits, kana, kanji or hangul joined by single hyphens, at most 60 characters. */
export function isValidSlug(s: string): boolean {
  return characters(s) <= MAX_SLUG_LENGTH && SLUG.test(s);
}

// ---------------------------------------------------------------------------- channels

const CHANNEL_MENTION = /^<#([CG][A-Z0-9]+)(?:\|[^<>]*)?>$/;
/**
 * A bare channel ID. It must contain a digit so that an upper-case word such as `CFIUS`
 * is not mistaken for one.
 */
const CHANNEL_ID = /^(?=[A-Z]*\d)[CG][A-Z0-9]{6,}$/;

/**
 * The channel ID in a Slack channel mention (`<#C0123ABC|deals>`, `<#C0123ABC>`) or a bare
 * ID (`C0123ABC`). A plain `#deals` gives null: only Slack's mention carries the ID, and
 * names are not unique over time.
 */
export function parseChannelRef(text: string): string | null {
  const input = text.trim();
  const mention = CHANNEL_MENTION.exec(input);
  if (mention) return mention[1]!;
  return CHANNEL_ID.test(input) ? input : null;
}

// ---------------------------------------------------------------------------- text

/**
 * Free text (a sector, a reason, a legal basis): runs of whitespace become one space and
 * the ends are trimmed; empty is null (the field is cleared); longer than `max` is refused.
 */
export function validText(key: string, raw: string | undefined, max: number): string | null {
  if (raw === undefined) return null;
  const value = raw.replace(/\s+/g, ' ').trim();
  if (value.length > max) throw new UserError('invalid_value', { key, value: value.slice(0, 40) + '…', reason: `at most ${max} characters` });
  return value === '' ? null : value;
}
