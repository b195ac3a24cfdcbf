import { describe, expect, it } from 'vitest';
import { type ErrorCode, UserError } from '../../../src/core/errors.ts';
import { isValidSlug, parseDateValue, parseMoney, parsePercent, slugify } from '../../../src/core/values.ts';
import { errorText } from '../../../src/i18n/error-message.ts';
import { translator } from '../../../src/i18n/translator.ts';

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
const date = (text: string, today = TODAY) => parseDateValue(text, today);

describe('parseDateValue: Japanese dates', () => {
  it.each([
    ['2026年2月17日', '2026-02-17'],
    ['2026年02月17日', '2026-02-17'],
    ['２０２６年２月１７日', '2026-02-17'],
    ['2026年 2月 17日', '2026-02-17'],
    ['令和8年2月17日', '2026-02-17'],
    ['令和８年２月１７日', '2026-02-17'],
    ['㋿8年2月17日', '2026-02-17'], // the one-character era square, NFKC 令和
    ['令和元年5月1日', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['平成12年1月1日', '2000-01-01'],
    ['2026/2/17', '2026-02-17'],
    ['2026/02/17', '2026-02-17'],
    ['２０２６／０２／１７', '2026-02-17'],
    ['2026ー02ー17', '2026-02-17'], // the IME's prolonged-sound mark for a dash
    ['2026−02−17', '2026-02-17'],
  ])('reads %j as %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it('reads a month and day without a year as that day in the year of today', () => {
    expect(date('2月17日')).toBe('2026-02-17');
    expect(date('12月31日')).toBe('2026-12-31');
    expect(date('２月１７日', '2027-06-30')).toBe('2027-02-17');
    expect(date('2月29日', '2028-01-10')).toBe('2028-02-29');
    expect(expectUserError(() => date('2月29日', '2026-01-10'), 'invalid_date').details).toEqual({ value: '2月29日' });
  });

  it('reads 今日, 本日, 昨日 and 明日 relative to today, as today, yesterday and tomorrow still are', () => {
    expect(date('今日')).toBe('2026-03-01');
    expect(date('本日')).toBe('2026-03-01');
    expect(date('昨日')).toBe('2026-02-28');
    expect(date('明日')).toBe('2026-03-02');
    expect(date('today')).toBe('2026-03-01');
    expect(date('ｔｏｄａｙ')).toBe('2026-03-01');
    expect(date('2026-02-17')).toBe('2026-02-17');
  });

  it.each([
    ['2026年2月17日（火）', '2026-02-17'],
    ['2026年2月17日(火)', '2026-02-17'],
    ['2026年2月17日（火曜日）', '2026-02-17'],
    ['2026年2月17日 (火曜)', '2026-02-17'],
    ['2026年2月17日火曜日', '2026-02-17'],
    ['2月17日（火）', '2026-02-17'],
    ['令和8年4月23日（木）', '2026-04-23'],
    ['2026-04-23（木）', '2026-04-23'], // as the Japanese replies print a date, pasted back
    ['2026/4/23(木)', '2026-04-23'],
  ])('accepts %j with its right weekday', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it('refuses a weekday that is not the date’s: the date is usually the typo', () => {
    const err = expectUserError(() => date('2026年2月17日（水）'), 'wrong_weekday');
    expect(err.details).toEqual({ value: '2026年2月17日（水）', date: '2026-02-17', actual: 'Tuesday', actualJa: '火', given: 'Wednesday', givenJa: '水' });
    expect(err.userMessage()).toContain('2026-02-17 is a Tuesday (火), not a Wednesday (水)');
    expectUserError(() => date('2026-04-23(金)'), 'wrong_weekday');
  });

  it.each(['2026年2月30日', '2026年13月1日', '2026年0月10日', '令和0年2月17日', '令和100年1月1日', '26年2月17日', '02026年2月17日', '2026/2/30'])(
    'refuses the impossible or unclear date %j',
    (text) => {
      expect(expectUserError(() => date(text), 'invalid_date').details).toEqual({ value: text });
    },
  );

  it.each([
    '元年5月1日',
    '2026年2月',
    '2月',
    '17日',
    '二〇二六年二月十七日',
    '2026年2月17',
    '2026年2月17日（火）（火）',
    '2026年2月17日（X）',
    '17/02/2026',
    '2026.2.17',
  ])('refuses %j as not a date', (text) => {
    expectUserError(() => date(text), 'invalid_date');
  });

  it('refuses a date outside its era', () => {
    const err = expectUserError(() => date('令和元年4月30日'), 'era_out_of_range');
    expect(err.details).toMatchObject({ era: '令和', start: '2019-05-01' });
    expect(err.userMessage()).toContain('令和 era (2019-05-01 to today)');
    expect(expectUserError(() => date('平成31年5月1日'), 'era_out_of_range').details).toMatchObject({ era: '平成', end: '2019-04-30' });
  });

  it('keeps the supported range for Japanese forms too', () => {
    expectUserError(() => date('平成11年12月31日'), 'date_out_of_range');
    expectUserError(() => date('2100年1月1日'), 'date_out_of_range');
  });
});

describe('parseMoney: Japanese amounts', () => {
  it.each([
    ['21億ドル', 2_100_000_000],
    ['330億ドル', 33_000_000_000],
    ['5500億ドル', 550_000_000_000],
    ['1兆2000億ドル', 1_200_000_000_000],
    ['6億ドル', 600_000_000],
    ['21.5億ドル', 2_150_000_000],
    ['2,100万ドル', 21_000_000],
    ['1億2345万6789ドル', 123_456_789],
    ['1兆ドル', 1_000_000_000_000],
    ['0.1億ドル', 10_000_000],
    ['21億米ドル', 2_100_000_000],
    ['21億USドル', 2_100_000_000],
    ['米ドル21億', 2_100_000_000],
    ['USドル21億', 2_100_000_000],
    ['US$21億', 2_100_000_000],
    ['$21億', 2_100_000_000],
    ['21億', 2_100_000_000], // the field is in dollars, as `2.1B` is
    ['21億 ドル', 2_100_000_000],
    ['２１億ドル', 2_100_000_000],
    ['２1億ドル', 2_100_000_000], // half and full width mixed: one number once folded
    ['２１億ﾄﾞﾙ', 2_100_000_000], // half-width katakana
    ['21億㌦', 2_100_000_000], // the one-character ドル square
    ['2100000000ドル', 2_100_000_000],
    ['１兆２０００億ドル', 1_200_000_000_000],
  ])('reads %j as %d', (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it('is exact: no floating-point drift in 億 and 兆', () => {
    expect(parseMoney('21億ドル')).toBe(2_100_000_000);
    expect(parseMoney('4.35億ドル')).toBe(435_000_000);
    expect(parseMoney('0.07兆ドル')).toBe(70_000_000_000);
    expect(parseMoney('1.23456789億ドル')).toBe(123_456_789);
    expect(parseMoney('0.000000005億ドル')).toBe(1); // half up
    expect(parseMoney('1000兆ドル')).toBe(1e15); // the maximum, US$1,000tn
    expect(parseMoney('999兆9999億9999万9999ドル')).toBe(999_999_999_999_999);
  });

  it('still reads the English forms', () => {
    expect(parseMoney('2.1B')).toBe(2_100_000_000);
    expect(parseMoney('US$33bn')).toBe(33_000_000_000);
    expect(parseMoney('33bn USD')).toBe(33_000_000_000);
    expect(parseMoney('６００Ｍ')).toBe(600_000_000);
  });

  it.each([
    '兆億',
    '億ドル',
    '21億億ドル',
    '1万1億ドル',
    '1兆12000億ドル',
    '1.5兆2000億ドル',
    '1兆2000.5億ドル',
    '21,00億ドル',
    '-21億ドル',
    '21億bn',
    '二十一億ドル',
    '21億ドル🚀',
    '21億万ドル',
    '5千万ドル',
  ])('refuses the malformed amount %j', (text) => {
    const err = expectUserError(() => parseMoney(text), 'invalid_japanese_amount');
    expect(err.details).toEqual({ value: text });
    expect(err.userMessage()).toContain('1兆2000億ドル');
  });

  it.each([
    ['21億ドルドル', 'ドル, ドル'],
    ['21億円ドル', 'ドル, 円'],
    ['$21億ドル', '$, ドル'],
    ['¥21億ドル', 'ドル, ¥'],
    ['$$5', '$, $'],
  ])('refuses %j, which names a currency twice', (text, currencies) => {
    expect(expectUserError(() => parseMoney(text), 'money_two_currencies').details).toEqual({ value: text, currencies });
  });

  it('reads yen only with the rate the user gives, in yen per dollar', () => {
    expect(parseMoney('3400億円@150')).toBe(2_266_666_667); // 340,000,000,000 / 150, rounded half up
    expect(parseMoney('3000億円@150')).toBe(2_000_000_000);
    expect(parseMoney('3000億円@150円')).toBe(2_000_000_000);
    expect(parseMoney('3400億円 @ 149.5')).toBe(2_274_247_492);
    expect(parseMoney('３４００億円＠１５０')).toBe(2_266_666_667);
    expect(parseMoney('¥340bn@150')).toBe(2_266_666_667);
    expect(parseMoney('JPY 300bn@150')).toBe(2_000_000_000);
    expect(parseMoney('300,000,000,000円@150')).toBe(2_000_000_000);
  });

  it('refuses yen without a rate, saying how to give one', () => {
    const err = expectUserError(() => parseMoney('3400億円'), 'yen_needs_rate');
    expect(err.details).toEqual({ value: '3400億円', example: '3400億円@150' });
    expect(err.userMessage()).toContain('`3400億円@150`');
    expectUserError(() => parseMoney('¥5bn'), 'yen_needs_rate');
    expectUserError(() => parseMoney('５０億円'), 'yen_needs_rate');
  });

  it.each(['3400億円@1.5', '3400億円@0', '3400億円@15000', '3400億円@', '3400億円@abc', '3400億円@-150'])('refuses the rate in %j', (text) => {
    const err = expectUserError(() => parseMoney(text), 'invalid_yen_rate');
    expect(err.details).toMatchObject({ value: text, min: 50, max: 500 });
  });

  it('refuses a rate on an amount that is not in yen', () => {
    expectUserError(() => parseMoney('21億ドル@150'), 'rate_without_yen');
    expectUserError(() => parseMoney('2.1B@150'), 'rate_without_yen');
    expectUserError(() => parseMoney('3400億円@150@150'), 'invalid_money');
  });

  it('refuses amounts above the maximum in Japanese units too', () => {
    expectUserError(() => parseMoney('1001兆ドル'), 'invalid_money');
    expectUserError(() => parseMoney('9999999兆円@50'), 'invalid_money');
  });
});

describe('hostile characters in values', () => {
  it.each([
    ['21億ドル\u200F', 'U+200F (right-to-left mark) at character 6, an invisible character'],
    ['\u200E2026-02-17', 'U+200E (left-to-right mark) at character 1, an invisible character'],
    ['21\u200B億ドル', 'U+200B (zero-width space) at character 3, an invisible character'],
    ['2\u20601億ドル', 'U+2060 (word joiner) at character 2'],
    ['21\uFEFF億ドル', 'U+FEFF (zero-width no-break space) at character 3'],
    ['2\u03011億ドル', 'U+0301 at character 2, a combining mark'],
    ['21億\u202Eルド', 'U+202E at character 4, a bidi control'],
  ])('refuses %j, naming the hidden character', (text, described) => {
    const err = expectUserError(() => parseMoney(text), 'hidden_character');
    expect(err.userMessage()).toContain(described);
    // The value shown back has the hidden character taken out, so the message does not hide it again.
    expect(String(err.details.value)).not.toMatch(/[\p{Cf}\p{M}]/u);
  });

  it('gives the position of the hidden character in characters', () => {
    expect(expectUserError(() => date('2026年2\u0301月17日'), 'hidden_character').details.position).toBe(7);
  });

  it('refuses hidden characters in dates and percentages', () => {
    expectUserError(() => date('2026-02-17\u200B'), 'hidden_character');
    expectUserError(() => date('令和8年2月17日\u200F'), 'hidden_character');
    expectUserError(() => parsePercent('25%\u200D'), 'hidden_character');
  });

  it('composes a decomposed kana with its voiced mark rather than refusing it', () => {
    expect(parseMoney('21億ト\u3099ル')).toBe(2_100_000_000);
  });

  it.each(['²1億ドル', '①億ドル', 'Ⅷ億ドル', '2026年②月17日'])('refuses %j: a numeral that is not a digit is not folded into one', (text) => {
    const fn = text.includes('月') ? () => date(text) : () => parseMoney(text);
    const err = expectUserError(fn, text.includes('月') ? 'invalid_date' : 'invalid_money');
    expect(err.details).toEqual({ value: text });
  });

  it('refuses emoji in a value', () => {
    expectUserError(() => date('2026年2月17日🚀'), 'invalid_date');
    expectUserError(() => parseMoney('🚀'), 'invalid_money');
  });
});

describe('parsePercent: full-width', () => {
  it('reads ％ and full-width digits', () => {
    expect(parsePercent('２５％')).toBe(25);
    expect(parsePercent('27.5％')).toBe(27.5);
    expect(parsePercent('２７．５％')).toBe(27.5);
  });
});

describe('slugify: Japanese and Korean names', () => {
  it.each([
    ['テキサス・ガルフリンク', 'テキサス-ガルフリンク'],
    ['テキサス　ガルフリンク', 'テキサス-ガルフリンク'],
    ['ﾃｷｻｽ･ｶﾞﾙﾌﾘﾝｸ', 'テキサス-ガルフリンク'], // half-width katakana: the same slug
    ['「テキサス」ガルフリンク', 'テキサス-ガルフリンク'],
    ['米国LNG（テキサス州）', '米国lng-テキサス州'],
    ['ＪＥＲＡ　米国ＬＮＧ', 'jera-米国lng'],
    ['日本製鉄（株）', '日本製鉄-株'],
    ['㈱日本製鉄', '株-日本製鉄'],
    ['ぱいぷらいん', 'ぱいぷらいん'],
    ['佐々木エナジー', '佐々木エナジー'],
    ['𠮷野家ファンド', '𠮷野家ファンド'],
    ['한국 조선 협력', '한국-조선-협력'],
    ['Texas GulfLink 🚀', 'texas-gulflink'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(isValidSlug(slug)).toBe(true);
  });

  it('does not split voiced kana into a kana and a mark', () => {
    expect(slugify('ガ')).toBe('ガ');
    expect(slugify('カ\u3099')).toBe('ガ');
    expect(slugify('テ\u0301キサス')).toBe('テキサス');
  });

  it('counts the 60-character limit in characters, and cuts between words', () => {
    const long = `${'あ'.repeat(40)}・${'い'.repeat(30)}`;
    expect(slugify(long)).toBe('あ'.repeat(40));
    expect(slugify('𠮷'.repeat(70))).toBe('𠮷'.repeat(60));
    expect(isValidSlug('𠮷'.repeat(60))).toBe(true);
    expect(isValidSlug('𠮷'.repeat(61))).toBe(false);
  });

  it('accepts kana, kanji and hangul in a slug, and nothing else new', () => {
    for (const good of ['テキサス-ガルフリンク', '米国lng-テキサス州', '한국-조선', 'ー']) expect(isValidSlug(good), good).toBe(true);
    for (const bad of [
      'テキサス・ガルフリンク',
      'テキサス--ガルフ',
      'テキサス ガルフ',
      'ﾃｷｻｽ',
      'テキサス🚀',
      'テ\u0301キサス',
      '-テキサス',
      'ＴＥＸＡＳ',
      '「テキサス」',
    ]) {
      expect(isValidSlug(bad), bad).toBe(false);
    }
  });
});

describe('random Japanese-looking input', () => {
  // A fixed seed: a failure names its input and reproduces.
  let seed = 20_260_217;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const ALPHABET = [
    ...'0123456789０１２３４５６７８９.,，．@＠$¥￥%％-－ー/／年月日元令和平成兆億万千円ドル米USusd()（）火水木 　・「」ﾃｷｻｽガ\u3099\u0301\u200B\u200F🚀①²a',
  ];
  const samples = Array.from({ length: 3000 }, () =>
    Array.from({ length: 1 + Math.floor(random() * 14) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join(''),
  );

  it('gives a number, a date or a UserError, never another exception', () => {
    for (const text of samples) {
      for (const parse of [() => parseMoney(text), () => parseDateValue(text, TODAY), () => parsePercent(text)]) {
        try {
          const value = parse();
          expect(typeof value === 'number' ? Number.isSafeInteger(value) || Number.isFinite(value) : /^\d{4}-\d{2}-\d{2}$/.test(value), text).toBe(true);
        } catch (err) {
          expect(err, text).toBeInstanceOf(UserError);
        }
      }
    }
  });

  it('makes only slugs the database accepts, or none', () => {
    for (const text of samples) {
      const slug = slugify(text);
      expect(slug === '' || isValidSlug(slug), `${text} → ${slug}`).toBe(true);
    }
  });
});

describe('the errors in Japanese', () => {
  const ja = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return errorText(translator('ja'), err as UserError);
    }
    throw new Error('expected a UserError');
  };

  it('say what is wrong in Japanese, with what the user typed', () => {
    expect(ja(() => parseMoney('3400億円'))).toBe(
      '`3400億円` は円建てです。金額は米ドルで管理するため、使用した為替レート（1ドルあたりの円）を `@` の後に付けて、`3400億円@150`（1ドル＝150円）のように指定してください。',
    );
    expect(ja(() => date('2026年2月17日（水）'))).toBe('`2026年2月17日（水）`：2026-02-17 は火曜日で、水曜日ではありません。日付を確認してください。');
    expect(ja(() => date('令和元年4月30日'))).toBe(
      '`令和元年4月30日` は令和の期間（2019-05-01〜）にない日付です。年を確認するか、`YYYY-MM-DD` の形で指定してください。',
    );
    expect(ja(() => parseMoney('21億円ドル'))).toContain('通貨が2つ（ドル, 円）');
    expect(ja(() => parseMoney('兆億'))).toContain('単位（兆・億・万）は大きい順に');
    expect(ja(() => parseMoney('3400億円@1.5'))).toContain('`1.5` は為替レート（1ドルあたり50〜500円）として読めません');
    expect(ja(() => parseMoney('21億ドル@150'))).toContain('この金額は円建てではありません');
  });

  it('name the hidden character by kind', () => {
    expect(ja(() => parseMoney('21億ドル\u200F'))).toBe(
      '`21億ドル` の6文字目に見えない文字（U+200F）が含まれているため、見た目どおりの値とは限りません。その文字を除いて入力し直してください。',
    );
    expect(ja(() => parseMoney('2\u03011億ドル'))).toContain('2文字目に結合文字（U+0301、前の文字に付く記号）');
    expect(ja(() => parseMoney('21億\u202Eルド'))).toContain('表示順を変える双方向制御文字（U+202E）');
  });
});
