/**
 * Japanese forms of the values users type: `2026年2月17日（火）`, `令和8年2月17日`, `2月17日`,
 * `21億ドル`, `1兆2000億ドル`, `3400億円@150`. `values.ts` calls these after its own
 * (English and ISO) forms have not matched.
 *
 * Every value field is folded with NFKC first, so full-width digits and letters, `＄`, `％`,
 * half-width katakana (`ﾄﾞﾙ`) and the one-character era and unit squares (`㋿`, `㍻`, `㌦`)
 * read as what they look like. Names are never folded this way (only their slugs are).
 * Anything that would make a value read differently from how it looks — an invisible
 * character, a combining mark, a numeral that is not a plain digit — is refused rather
 * than guessed at: a funding amount or a notice date must never come out as a wrong number.
 */

import type { CivilDate } from './civil-date.ts';
import { dayNumberOf, weekdayOf } from './civil-date.ts';
import { UserError } from './errors.ts';

// ---------------------------------------------------------------------------- folding

/** Invisible characters (format controls such as U+200B, U+200F, U+FEFF) and combining marks. */
const HIDDEN = /[\p{Cf}\p{M}\p{Zl}\p{Zp}]/u;
const HIDDEN_ALL = /[\p{Cf}\p{M}\p{Zl}\p{Zp}]/gu;
/** Numerals NFKC would turn into digits (`²`, `①`, `Ⅷ`) but that nobody types as an amount. */
const ODD_NUMERAL = /[^\P{N}0-9\uFF10-\uFF19]/u;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const HIDDEN_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00ad, 'soft hyphen'],
  [0x200b, 'zero-width space'],
  [0x200c, 'zero-width non-joiner'],
  [0x200d, 'zero-width joiner'],
  [0x200e, 'left-to-right mark'],
  [0x200f, 'right-to-left mark'],
  [0x2060, 'word joiner'],
  [0x061c, 'Arabic letter mark'],
  [0xfeff, 'zero-width no-break space'],
]);

/** What a hidden character is, as error details: never the character itself. */
function describeHidden(c: string): { codePoint: string; name?: string; kind: 'invisible' | 'mark' | 'bidi' } {
  const code = c.codePointAt(0)!;
  const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = HIDDEN_NAMES.get(code);
  const kind = /\p{M}/u.test(c) ? 'mark' : code >= 0x202a && code <= 0x2069 ? 'bidi' : 'invisible';
  return name ? { codePoint, name, kind } : { codePoint, kind };
}

/**
 * The NFKC form of a value the user typed into a date, amount or option field, trimmed.
 * Throws `hidden_character` for an invisible character or a combining mark left after
 * NFKC (one that composed into a letter, as `ト` + U+3099 into `ド`, is fine), and
 * `invalid()` for a numeral other than a digit.
 */
export function foldValue(text: string, invalid: () => UserError): string {
  // Printable ASCII has nothing to fold or refuse: the common case, and CSV imports read
  // several values a row.
  if (PRINTABLE_ASCII.test(text)) return text.trim();
  if (ODD_NUMERAL.test(text)) throw invalid();
  const folded = text.normalize('NFKC').trim();
  const hidden = HIDDEN.exec(folded);
  if (hidden) {
    const position = [...folded.slice(0, hidden.index)].length + 1;
    throw new UserError('hidden_character', { value: folded.replace(HIDDEN_ALL, ''), position, ...describeHidden(hidden[0]) });
  }
  return folded;
}

// ---------------------------------------------------------------------------- dates

const WEEKDAYS_JA = '日月火水木金土';
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** `（火）`, `(火曜)`, `(火曜日)`, or a bare `火曜日`, after a date; NFKC has made the brackets ASCII. */
const WEEKDAY_SUFFIX = /^(.*?)\s*(?:\(([日月火水木金土])(?:曜日?)?\)|([日月火水木金土])曜日?)$/u;

const JAPANESE_DATE = /^(?:(令和|平成)?\s*(\d{1,4}|元)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;
const SLASHED_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

interface Era {
  /** The Gregorian year of the era's first year (元年). */
  first: number;
  start: CivilDate;
  end: CivilDate;
}

// Heisei began on 1989-01-08 and ended on 2019-04-30; Reiwa began on 2019-05-01.
const ERAS: Readonly<Record<string, Era>> = {
  令和: { first: 2019, start: '2019-05-01', end: '9999-12-31' },
  平成: { first: 1989, start: '1989-01-08', end: '2019-04-30' },
};

const DAY_WORDS: Readonly<Record<string, number>> = { 今日: 0, 本日: 0, 昨日: -1, 明日: 1 };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A date in a Japanese form, already folded: `2026年2月17日`, `2026年02月17日`, `2月17日`
 * (the year of `today`), `令和8年2月17日`, `令和元年5月1日`, `平成31年4月30日`, `2026/2/17`,
 * any of them (and ISO) with a weekday such as `（火）`, which must be the date's weekday.
 * Returns the ISO date, or undefined when the text is none of these forms.
 *
 * Throws `wrong_weekday`, `era_out_of_range` or `invalid_date` (a form with an impossible
 * day, such as `2月30日`).
 */
export function parseJapaneseDate(folded: string, original: string, today: CivilDate): CivilDate | undefined {
  let text = folded;
  let weekday: string | undefined;
  const suffix = WEEKDAY_SUFFIX.exec(text);
  if (suffix) {
    text = suffix[1]!;
    weekday = suffix[2] ?? suffix[3];
  }
  const date = japaneseOrSlashedDate(text, original, today) ?? (weekday !== undefined && dayNumberOf(text) !== undefined ? text : undefined);
  if (date === undefined) return undefined;
  if (weekday !== undefined) {
    const actual = weekdayOf(dayNumberOf(date)!);
    if (WEEKDAYS_JA[actual] !== weekday) {
      throw new UserError('wrong_weekday', {
        value: original,
        date,
        actual: WEEKDAYS_EN[actual],
        actualJa: WEEKDAYS_JA[actual],
        given: WEEKDAYS_EN[WEEKDAYS_JA.indexOf(weekday)],
        givenJa: weekday,
      });
    }
  }
  return date;
}

/** `今日`, `本日`, `昨日`, `明日` as a day offset from today; undefined for anything else. */
export function offsetOfDayWord(folded: string): number | undefined {
  return Object.hasOwn(DAY_WORDS, folded) ? DAY_WORDS[folded] : undefined;
}

function japaneseOrSlashedDate(text: string, original: string, today: CivilDate): CivilDate | undefined {
  let year: number;
  let month: number;
  let day: number;
  let era: Era | undefined;
  const slashed = SLASHED_DATE.exec(text);
  const japanese = slashed ? undefined : JAPANESE_DATE.exec(text);
  if (slashed) {
    [year, month, day] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  } else if (japanese) {
    const [, eraName, yearText, monthText, dayText] = japanese;
    era = eraName ? ERAS[eraName] : undefined;
    if (yearText === '元' && !era) return undefined; // 元年 means nothing without an era
    const typedYear = yearText === undefined ? undefined : yearText === '元' ? 1 : Number(yearText);
    if (era && (typedYear === 0 || yearText!.length > 2)) throw new UserError('invalid_date', { value: original });
    year = typedYear === undefined ? Number(today.slice(0, 4)) : era ? era.first + typedYear! - 1 : typedYear;
    [month, day] = [Number(monthText), Number(dayText)];
    // A four-digit year only: `26年` is as likely 1926 as 2026.
    if (!era && yearText !== undefined && yearText.length !== 4) throw new UserError('invalid_date', { value: original });
  } else {
    return undefined;
  }
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (year > 9999 || dayNumberOf(date) === undefined) throw new UserError('invalid_date', { value: original });
  if (era && (date < era.start || date > era.end)) {
    const eraName = japanese![1]!;
    throw new UserError('era_out_of_range', { value: original, era: eraName, start: era.start, end: era.end === '9999-12-31' ? '' : era.end });
  }
  return date;
}

// ---------------------------------------------------------------------------- money

/** An exact decimal: `digits × 10^exponent`. */
export interface Decimal {
  digits: bigint;
  exponent: number;
}

const UNIT_EXPONENTS: Readonly<Record<string, number>> = { 兆: 12, 億: 8, 万: 4 };
/** A number in one group: digits with commas in threes, or plain digits, with an optional fraction. */
const GROUP_NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const TOKEN = /\d[\d,.]*|[兆億万]|./gu;

/**
 * A number written with Japanese units, already folded and with its currency removed:
 * `21億`, `21.5億`, `2,100万`, `1兆2000億`, `1億2345万6789`. Units go from large to
 * small, each once, with digits before each; every group after the first is at most 9999
 * and whole. Returns undefined when the text has no Japanese unit at all (the caller tries
 * other forms); throws `invalid_japanese_amount` when it has one and breaks these rules.
 */
export function parseJapaneseUnits(core: string, original: string): Decimal | undefined {
  if (!/[兆億万]/u.test(core)) return undefined;
  const bad = () => new UserError('invalid_japanese_amount', { value: original });
  const tokens = core.match(TOKEN) ?? [];
  let total = 0n;
  let totalExponent = 0;
  let lastUnit = Infinity;
  let groups = 0;
  for (let i = 0; i < tokens.length; i++) {
    const number = tokens[i]!;
    if (!GROUP_NUMBER.test(number)) throw bad();
    const unitToken = tokens[i + 1];
    const unit = unitToken === undefined ? 0 : UNIT_EXPONENTS[unitToken];
    if (unit === undefined || unit >= lastUnit) throw bad();
    if (unitToken !== undefined) i++;
    const [whole, fraction = ''] = number.replace(/,/g, '').split('.') as [string, string?];
    groups++;
    if (groups > 1 && (fraction !== '' || Number(whole) > 9999)) throw bad();
    // A fraction only in a single group: `21.5億`, not `1.5兆2000億`.
    if (fraction !== '' && tokens.length > i + 1) throw bad();
    const value = BigInt(whole + fraction);
    const exponent = unit - fraction.length;
    // Bring both to the smaller exponent so the sum stays exact.
    if (groups === 1) {
      total = value;
      totalExponent = exponent;
    } else {
      const shift = totalExponent - exponent;
      total = shift >= 0 ? total * 10n ** BigInt(shift) + value : total + value * 10n ** BigInt(-shift);
      totalExponent = Math.min(totalExponent, exponent);
    }
    lastUnit = unit;
  }
  return { digits: total, exponent: totalExponent };
}

const DOLLAR_MARKS = ['us$', 'usd', '$', '米ドル', 'usドル', 'ドル'] as const;
const YEN_MARKS = ['jpy', '¥', '日本円', '円'] as const;

export type Currency = 'usd' | 'jpy';

/**
 * Removes currency marks from both ends of a lower-cased, folded amount: `21億ドル`,
 * `US$21億`, `3400億円`, `¥340bn`. Returns the number part and the currency, `usd` when
 * none is written. Throws `money_two_currencies` for two marks (`21億ドルドル`, `21億円ドル`,
 * `$21億ドル`).
 */
export function splitCurrency(text: string, original: string): { core: string; currency: Currency } {
  let core = text;
  const found: string[] = [];
  let currency: Currency = 'usd';
  for (let changed = true; changed; ) {
    changed = false;
    for (const [marks, kind] of [
      [DOLLAR_MARKS, 'usd'],
      [YEN_MARKS, 'jpy'],
    ] as const) {
      for (const mark of marks) {
        if (core.endsWith(mark) && core.length > mark.length) core = core.slice(0, -mark.length).trimEnd();
        else if (core.startsWith(mark) && core.length > mark.length) core = core.slice(mark.length).trimStart();
        else continue;
        found.push(mark);
        currency = kind;
        changed = true;
        break;
      }
    }
  }
  if (found.length > 1) throw new UserError('money_two_currencies', { value: original, currencies: found.join(', ') });
  return { core, currency };
}

/** The lowest and highest yen-per-dollar rate accepted: the yen has stayed within 75–160 since 2000. */
export const MIN_YEN_RATE = 50;
export const MAX_YEN_RATE = 500;

const RATE = /^(\d+)(?:\.(\d+))?(?:円)?$/u;

/** `150`, `149.5`, `150円`: yen per US dollar, as an exact decimal. Throws `invalid_yen_rate`. */
export function parseYenRate(text: string, original: string): Decimal {
  const m = RATE.exec(text.trim());
  const rate = m ? { digits: BigInt(m[1]! + (m[2] ?? '')), exponent: -(m[2] ?? '').length } : undefined;
  const value = rate ? Number(rate.digits) * 10 ** rate.exponent : Number.NaN;
  if (!rate || !(value >= MIN_YEN_RATE && value <= MAX_YEN_RATE)) {
    throw new UserError('invalid_yen_rate', { value: original, rate: text.trim(), min: MIN_YEN_RATE, max: MAX_YEN_RATE });
  }
  return rate;
}

/** `amount / rate` in whole units, rounded half up; both exact decimals. */
export function divideRounded(amount: Decimal, rate: Decimal): bigint {
  // amount.digits·10^a / (rate.digits·10^r) = amount.digits·10^(a−r) / rate.digits
  const shift = amount.exponent - rate.exponent;
  let numerator = amount.digits;
  let denominator = rate.digits;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  let quotient = numerator / denominator;
  if ((numerator % denominator) * 2n >= denominator) quotient += 1n;
  return quotient;
}
