import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, isValidSlug, parseChannelRef, parseDateValue, parseMoney, parsePercent, slugify } from '../../../src/core/values.ts';
import { type ErrorCode, UserError } from '../../../src/core/errors.ts';

function expectUserError(fn: () => unknown, code: ErrorCode): UserError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect((caught as UserError).code).toBe(code);
  return caught as UserError;
}

const TODAY = '2026-03-01';

describe('parseDateValue', () => {
  it('accepts real YYYY-MM-DD dates', () => {
    expect(parseDateValue('2026-02-17', TODAY)).toBe('2026-02-17');
    expect(parseDateValue('2028-02-29', TODAY)).toBe('2028-02-29');
    expect(parseDateValue('2000-02-29', TODAY)).toBe('2000-02-29');
    expect(parseDateValue('  2026-12-31 ', TODAY)).toBe('2026-12-31');
  });

  it('accepts today, yesterday and tomorrow in any case', () => {
    expect(parseDateValue('today', TODAY)).toBe('2026-03-01');
    expect(parseDateValue('TODAY', TODAY)).toBe('2026-03-01');
    expect(parseDateValue('Yesterday', TODAY)).toBe('2026-02-28');
    expect(parseDateValue('tomorrow', TODAY)).toBe('2026-03-02');
    expect(parseDateValue('yesterday', '2028-03-01')).toBe('2028-02-29');
  });

  it('reads full-width digits typed with a Japanese or Korean IME', () => {
    expect(parseDateValue('２０２６－０２－１７', TODAY)).toBe('2026-02-17');
  });

  it('accepts the ends of the supported range', () => {
    expect(parseDateValue('2000-01-01', TODAY)).toBe('2000-01-01');
    expect(parseDateValue('2099-12-31', TODAY)).toBe('2099-12-31');
  });

  it.each(['2026-02-30', '2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00'])('refuses the impossible date %s', (text) => {
    expect(expectUserError(() => parseDateValue(text, TODAY), 'invalid_date').details).toEqual({ value: text });
  });

  it.each(['', ' ', '17/02/2026', '17-02-2026', '2026-2-17', '20260217', 'Feb 17', 'now', 'todayy', '2026-02-17T00:00', "'; DROP TABLE x; --", '🚀'])(
    'refuses %j as not a date',
    (text) => {
      expectUserError(() => parseDateValue(text, TODAY), 'invalid_date');
    },
  );

  it('refuses well-formed dates outside 2000..2099', () => {
    const err = expectUserError(() => parseDateValue('1999-12-31', TODAY), 'date_out_of_range');
    expect(err.details).toEqual({ value: '1999-12-31', min: '2000-01-01', max: '2099-12-31' });
    expectUserError(() => parseDateValue('2100-01-01', TODAY), 'date_out_of_range');
    expectUserError(() => parseDateValue('0226-02-17', TODAY), 'date_out_of_range');
    expectUserError(() => parseDateValue('yesterday', '2000-01-01'), 'date_out_of_range');
  });
});

describe('parseMoney', () => {
  it.each([
    ['2.1B', 2_100_000_000],
    ['2.1b', 2_100_000_000],
    ['$2.1bn', 2_100_000_000],
    ['2.1 billion', 2_100_000_000],
    ['1.5 billion', 1_500_000_000],
    ['2.1bln', 2_100_000_000],
    ['600M', 600_000_000],
    ['600m', 600_000_000],
    ['600mn', 600_000_000],
    ['600MM', 600_000_000],
    ['600 mln', 600_000_000],
    ['350 million', 350_000_000],
    ['350 Million', 350_000_000],
    ['US$33bn', 33_000_000_000],
    ['us$33bn', 33_000_000_000],
    ['US $33bn', 33_000_000_000],
    ['USD 33bn', 33_000_000_000],
    ['USD33bn', 33_000_000_000],
    ['33bn USD', 33_000_000_000],
    ['33 bn usd', 33_000_000_000],
    ['$ 33bn', 33_000_000_000],
    ['1,200,000,000', 1_200_000_000],
    ['$1,200,000,000', 1_200_000_000],
    ['1200000000', 1_200_000_000],
    ['1,200M', 1_200_000_000],
    ['$5k', 5_000],
    ['5K', 5_000],
    ['5 thousand', 5_000],
    ['2.1T', 2_100_000_000_000],
    ['2.1 trillion', 2_100_000_000_000],
    ['1.25tn', 1_250_000_000_000],
    ['550', 550],
    ['0', 0],
    ['$0', 0],
    ['0B', 0],
    ['.5B', 500_000_000],
    ['0.25m', 250_000],
    ['007', 7],
    ['1,000tn', 1e15],
    ['US$1,000tn', 1e15],
    ['６００Ｍ', 600_000_000],
    ['  600M  ', 600_000_000],
  ])('reads %j as %d', (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it('rounds to whole dollars, half up', () => {
    expect(parseMoney('1234.5')).toBe(1235);
    expect(parseMoney('1234.49')).toBe(1234);
    expect(parseMoney('0.5')).toBe(1);
    expect(parseMoney('1.2345678901234b')).toBe(1_234_567_890);
    expect(parseMoney('2.0000000005B')).toBe(2_000_000_001);
  });

  it('is exact where floating point is not', () => {
    expect(parseMoney('2.1B')).toBe(2_100_000_000);
    expect(parseMoney('4.35bn')).toBe(4_350_000_000);
    expect(parseMoney('0.07T')).toBe(70_000_000_000);
    expect(Number.isSafeInteger(parseMoney('999.999999tn'))).toBe(true);
  });

  it.each([
    '',
    ' ',
    'abc',
    'B',
    '$',
    'US$',
    '$bn',
    '-5',
    '-$5',
    '$-5',
    '−5M',
    '1..2B',
    '1.2.3',
    '1.',
    '1,20,0',
    '1,2000',
    ',100',
    '100,',
    '1,000,00',
    '1 000 000',
    '2.1 B B',
    '2.1x',
    '2.1 bn dollars',
    'NaN',
    'Infinity',
    '1e9',
    '0x10',
    '€5m',
    '5m€',
    '1,000.000.1',
    '1000001tn',
    '1,000.01tn',
    '9'.repeat(400),
    "5'; DROP TABLE x; --",
    '🚀',
  ])('refuses %j', (text) => {
    const err = expectUserError(() => parseMoney(text), 'invalid_money');
    expect(err.details).toEqual({ value: text });
  });
});

describe('formatMoney', () => {
  it.each([
    [0, 'US$0'],
    [7, 'US$7'],
    [950, 'US$950'],
    [999, 'US$999'],
    [999.6, 'US$1k'],
    [1_000, 'US$1k'],
    [5_000, 'US$5k'],
    [950_000, 'US$950k'],
    [999_400, 'US$999k'],
    [999_600, 'US$1m'],
    [600_000_000, 'US$600m'],
    [350_000_000, 'US$350m'],
    [123_456_789, 'US$123m'],
    [1_200_000_000, 'US$1.2bn'],
    [2_100_000_000, 'US$2.1bn'],
    [2_000_000_000, 'US$2bn'],
    [33_000_000_000, 'US$33bn'],
    [33_450_000_000, 'US$33.5bn'],
    [550_000_000_000, 'US$550bn'],
    [999_999_000_000, 'US$1tn'],
    [1_250_000_000_000, 'US$1.25tn'],
    [1_255_000_000_000, 'US$1.26tn'],
    [1e15, 'US$1,000tn'],
  ])('formats %d as %s', (usd, expected) => {
    expect(formatMoney(usd)).toBe(expected);
  });

  it('refuses a value that is not a number', () => {
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(Infinity)).toThrow(RangeError);
  });

  it('round-trips through parseMoney for values of up to three significant digits', () => {
    const values = [
      0, 1, 950, 1_000, 5_000, 12_300, 950_000, 1_000_000, 2_500_000, 600_000_000, 350_000_000, 1_200_000_000, 2_100_000_000, 33_000_000_000, 33_500_000_000,
      100_000_000_000, 550_000_000_000, 999_000_000_000, 1_000_000_000_000, 1_250_000_000_000, 2_100_000_000_000, 123_000_000_000_000, 1e15,
    ];
    for (const usd of values) expect(parseMoney(formatMoney(usd)), formatMoney(usd)).toBe(usd);
  });

  it('round-trips any amount to within the rounding of three significant digits', () => {
    let usd = 1;
    while (usd < 1e15) {
      const back = parseMoney(formatMoney(usd));
      expect(Math.abs(back - usd) / usd).toBeLessThanOrEqual(0.005);
      usd = Math.round(usd * 1.37 + 11);
    }
  });
});

describe('parsePercent and formatPercent', () => {
  it.each([
    ['25%', 25],
    ['25', 25],
    ['27.5%', 27.5],
    ['0%', 0],
    ['0', 0],
    ['200%', 200],
    ['15 %', 15],
    ['.5%', 0.5],
    [' 25% ', 25],
    ['２５％', 25],
    ['-0%', 0],
  ])('reads %j as %d', (text, expected) => {
    expect(Object.is(parsePercent(text), expected)).toBe(true);
  });

  it.each(['', '%', 'abc', '25%%', '2 5%', '1e2', '25.%', 'twenty'])('refuses %j', (text) => {
    const err = expectUserError(() => parsePercent(text), 'invalid_value');
    expect(err.details.key).toBe('rate');
    expect(err.details.value).toBe(text);
  });

  it.each(['-5%', '200.01%', '250', '1000%'])('refuses %j as out of range', (text) => {
    const err = expectUserError(() => parsePercent(text), 'invalid_value');
    expect(err.details).toMatchObject({ key: 'rate', value: text });
    expect(String(err.details.reason)).toMatch(/0% and 200%/);
  });

  it('formats without float noise', () => {
    expect(formatPercent(15)).toBe('15%');
    expect(formatPercent(27.5)).toBe('27.5%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(-0)).toBe('0%');
    expect(formatPercent(0.1 + 0.2)).toBe('0.3%');
    expect(parsePercent(formatPercent(27.5))).toBe(27.5);
  });
});

describe('slugify and isValidSlug', () => {
  it.each([
    ['Texas GulfLink', 'texas-gulflink'],
    ['HPHT synthetic diamond grit (Georgia)', 'hpht-synthetic-diamond-grit-georgia'],
    ['  Alaska LNG -- Phase 2!  ', 'alaska-lng-phase-2'],
    ['Société Générale', 'societe-generale'],
    ['Łódź Straße Ørsted', 'lodz-strasse-orsted'],
    ['İstanbul', 'istanbul'],
    ['Ｔｅｘａｓ　ＬＮＧ', 'texas-lng'],
    ['ﬁber', 'fiber'],
    ['R&D Center', 'r-d-center'],
    ['Hanwha 한화 Philly', 'hanwha-한화-philly'],
    ['🚀 Launch', 'launch'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(isValidSlug(slug)).toBe(true);
  });

  it('returns an empty slug when no letter or digit remains', () => {
    expect(slugify('🚀')).toBe('');
    expect(slugify('・「」')).toBe('');
    expect(slugify('')).toBe('');
    expect(slugify('---')).toBe('');
  });

  it('cuts long slugs to 60 characters between words', () => {
    const slug = slugify('The Very Long Name Of A Strategic Investment Project In The Gulf Coast Region');
    expect(slug).toBe('the-very-long-name-of-a-strategic-investment-project-in-the');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(isValidSlug(slug)).toBe(true);
  });

  it('keeps a cut that falls exactly on a word boundary', () => {
    const name = `${'a'.repeat(29)} ${'b'.repeat(30)} ccc`;
    expect(slugify(name)).toBe(`${'a'.repeat(29)}-${'b'.repeat(30)}`);
  });

  it('cuts inside a word only when the first word alone is too long', () => {
    expect(slugify('x'.repeat(80))).toBe('x'.repeat(60));
    expect(slugify(`${'x'.repeat(70)} y`)).toBe('x'.repeat(60));
  });

  it('accepts only lower-case words joined by single hyphens', () => {
    expect(isValidSlug('texas-gulflink')).toBe(true);
    expect(isValidSlug('a')).toBe(true);
    expect(isValidSlug('2026-expo')).toBe(true);
    expect(isValidSlug('x'.repeat(60))).toBe(true);
    for (const bad of ['', 'Texas', 'texas gulflink', '-texas', 'texas-', 'texas--gulflink', 'tëxas', 'texas_gulf', 'x'.repeat(61)]) {
      expect(isValidSlug(bad), bad).toBe(false);
    }
  });
});

describe('parseChannelRef', () => {
  it('reads the ID from a Slack channel mention', () => {
    expect(parseChannelRef('<#C0123ABC|deals-jp>')).toBe('C0123ABC');
    expect(parseChannelRef('<#C0123ABC>')).toBe('C0123ABC');
    expect(parseChannelRef('<#C0123ABC|>')).toBe('C0123ABC');
    expect(parseChannelRef('<#G01ABCDEF|private-deals>')).toBe('G01ABCDEF');
    expect(parseChannelRef(' <#C0123ABC|deals> ')).toBe('C0123ABC');
  });

  it('reads a bare channel ID', () => {
    expect(parseChannelRef('C0123ABC')).toBe('C0123ABC');
    expect(parseChannelRef('C0123456789')).toBe('C0123456789');
  });

  it('gives null for a bare #name, which has no ID', () => {
    expect(parseChannelRef('#deals-jp')).toBeNull();
    expect(parseChannelRef('deals-jp')).toBeNull();
  });

  it('gives null for anything else', () => {
    for (const text of ['', 'CFIUS', 'CHANNELS', 'c0123abc', '<@U0123ABC>', '<!channel>', '<#C0123ABC', '<#>', 'C0123ABC|x', 'U0123ABC', '<#c0123abc>', '🚀']) {
      expect(parseChannelRef(text), text).toBeNull();
    }
  });
});
