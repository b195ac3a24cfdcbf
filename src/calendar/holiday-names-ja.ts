/**
 * Japanese names of the closed days, for the generated table (`npm run calendars`); the
 * running bot reads them from closed-weekdays.json like the English ones.
 *
 * - JP-BANK: the official names, taken from date-holidays' Japanese data, so 2026-05-06 reads
 *   `振替休日（憲法記念日）`; the Banking Act days and the citizens' holiday are named here.
 * - US and KR: the names usual in Japanese (外務省・在外公館 usage), written here; a name
 *   with no entry stays in English (the reply then shows the source-language name).
 */
import Holidays from 'date-holidays';
import type { BaseCalendarId } from './holiday-data.ts';

/** date-holidays' English names that holiday-rules.ts renames to the Cabinet Office's. */
const JP_RENAMED: Record<string, string> = {
  'Foundation Day': 'National Foundation Day',
  'Spring Equinox Day': 'Vernal Equinox Day',
  'Constitution Day': 'Constitution Memorial Day',
  'Coronation Day': 'Enthronement Day',
  'Respect-for-the-Aged Day': 'Respect for the Aged Day',
};

const JP_FIXED: Record<string, string> = {
  "Citizens' holiday": '国民の休日',
  'Bank holiday (2 Jan)': '銀行休業日（1月2日）',
  'Bank holiday (3 Jan)': '銀行休業日（1月3日）',
  'Bank holiday (31 Dec)': '銀行休業日（12月31日）',
};

const US_NAMES: Record<string, string> = {
  "New Year's Day": '元日',
  'Martin Luther King Jr. Day': 'キング牧師記念日',
  "Washington's Birthday": 'ワシントン誕生日',
  'Memorial Day': '戦没将兵追悼記念日',
  Juneteenth: '奴隷解放記念日',
  'Independence Day': '独立記念日',
  'Labor Day': 'レイバー・デー',
  'Columbus Day': 'コロンブス・デー',
  'Veterans Day': '退役軍人の日',
  'Thanksgiving Day': '感謝祭',
  'Christmas Day': 'クリスマス',
};

const KR_NAMES: Record<string, string> = {
  "New Year's Day": '元日',
  Seollal: 'ソルラル（旧正月）',
  'Independence Movement Day': '三・一節',
  "Children's Day": 'こどもの日',
  "Buddha's Birthday": '釈迦誕生日',
  'Memorial Day': '顕忠日',
  'Constitution Day': '制憲節',
  'Liberation Day': '光復節',
  Chuseok: '秋夕（チュソク）',
  'National Foundation Day': '開天節',
  'Hangul Day': 'ハングルの日',
  'Christmas Day': 'クリスマス',
  'Labor Day': '勤労者の日',
  'Arbor Day': '植木日',
  'Local elections': '全国同時地方選挙',
  'National Assembly election': '国会議員選挙',
  'Presidential election': '大統領選挙',
  'Year-end closure': '年末休業',
  'Temporary holiday': '臨時公休日',
  'Temporary holiday (70th Liberation anniversary)': '臨時公休日（光復70周年）',
  'Temporary holiday (Armed Forces Day)': '臨時公休日（国軍の日）',
  'Temporary holiday (Chuseok bridge)': '臨時公休日（秋夕連休の間）',
  'Temporary holiday (Liberation Day fell on a Saturday)': '臨時公休日（光復節が土曜日のため）',
  'Temporary holiday (Seollal bridge)': '臨時公休日（ソルラル連休の間）',
  'Temporary holiday (World Cup semi-final)': '臨時公休日（ワールドカップ準決勝）',
};

/**
 * English → Japanese names of Japan's national holidays, from date-holidays' rules (each
 * rule carries its name in every language; evaluating the rules for 41 years would take
 * seconds). Where two rules share an English name, the later rule's Japanese name wins
 * (`Sports Day`: スポーツの日 since 2020).
 */
function japaneseNationalHolidays(): Record<string, string> {
  const names: Record<string, string> = {};
  for (const rule of new Holidays('JP', { types: ['public'] }).getRules()) {
    // A rule's name is the holiday's, also on a substitute rule; the types omit it.
    const name = (rule as unknown as { name?: Record<string, string> }).name ?? {};
    if (!name.en || !name.jp) continue;
    names[JP_RENAMED[name.en] ?? name.en] = name.jp;
  }
  return { ...names, ...JP_FIXED };
}

/** Japanese names for the given English names of one calendar; names without one are left out. */
export function japaneseNames(id: BaseCalendarId, names: Iterable<string>): Record<string, string> {
  const base = id === 'JP-BANK' ? japaneseNationalHolidays() : id === 'KR-BANK' ? KR_NAMES : US_NAMES;
  const one = (name: string): string | undefined => {
    if (base[name] !== undefined) return base[name];
    // `Substitute holiday (A & B)` is one day for two holidays; `A & B` two reasons for one day.
    const substitute = /^Substitute holiday \((.+)\)$/.exec(name);
    const of = substitute ? one(substitute[1]!) : undefined;
    // Japan: 振替休日; Korea: 代替公休日 (대체공휴일).
    if (of !== undefined) return `${id === 'KR-BANK' ? '代替公休日' : '振替休日'}（${of}）`;
    const observed = /^(.+) \(observed\)$/.exec(name);
    const holiday = observed ? one(observed[1]!) : undefined;
    if (holiday !== undefined) return `${holiday}（振替休日）`;
    const parts = name.split(' & ');
    if (parts.length === 1) return undefined;
    const each = parts.map(one);
    return each.every((p) => p !== undefined) ? each.join('・') : undefined;
  };
  const out: Record<string, string> = {};
  for (const name of [...new Set(names)].sort()) {
    const ja = one(name);
    if (ja !== undefined) out[name] = ja;
  }
  return out;
}
