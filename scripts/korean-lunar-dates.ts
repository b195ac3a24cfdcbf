/**
 * The Korean lunar holidays of a year computed from astronomy, to check the KR-BANK table
 * (src/calendar/closed-weekdays.json) without trusting any holiday library:
 *
 *   npx tsx scripts/korean-lunar-dates.ts 2025 2040
 *
 * Method (the rules of the Korean lunisolar calendar as the Korea Astronomy and Space
 * Science Institute applies them):
 * - Times are Korea Standard Time (UTC+9). A lunar month starts on the civil day (KST) of
 *   a new moon; new moons come from astronomy-engine's `SearchMoonPhase` (VSOP87 and the
 *   ELP lunar theory, accurate to well under a minute for these years).
 * - The principal solar terms (zhongqi) are the moments the Sun's apparent ecliptic
 *   longitude reaches a multiple of 30° (`SearchSunLongitude`). Month 11 is the month that
 *   contains the winter solstice (270°).
 * - When 13 new moons start between one month 11 and the next, the first of those months
 *   that contains no principal term is the leap month and takes the number of the month
 *   before it; otherwise months are numbered on from month 11.
 * - Seollal is the eve, day and morrow of 1/1, Buddha's Birthday is 4/8, and Chuseok the
 *   eve, day and morrow of 8/15.
 *
 * A new moon or term within minutes of midnight KST would make the day uncertain; the
 * checking test reports the margin so such a case is seen, and compares every date with
 * the KASI-based table of the `korean-lunar-calendar` package as a second opinion.
 */
import * as Astronomy from 'astronomy-engine';

const KST_MS = 9 * 3600 * 1000;

/** The KST civil date of an instant, and the minutes to the nearest KST midnight. */
function kst(t: Astronomy.AstroTime): { date: string; marginMinutes: number } {
  const local = new Date(t.date.getTime() + KST_MS);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
  return { date: local.toISOString().slice(0, 10), marginMinutes: Math.min(minutes, 1440 - minutes) };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

interface LunarMonth {
  start: string;
  /** The first day of the next month. */
  end: string;
  number: number;
  leap: boolean;
  startMargin: number;
}

/** New moons (KST dates) from `from` for `count` lunations. */
function newMoons(from: Date, count: number): { date: string; marginMinutes: number }[] {
  const out: { date: string; marginMinutes: number }[] = [];
  let t = Astronomy.MakeTime(from);
  for (let i = 0; i < count; i++) {
    const nm = Astronomy.SearchMoonPhase(0, t, 40);
    if (!nm) throw new Error('no new moon found');
    out.push(kst(nm));
    t = nm.AddDays(1);
  }
  return out;
}

/** KST dates of the principal terms (multiples of 30°) between two instants. */
function principalTerms(from: Date, to: Date): { date: string; longitude: number; marginMinutes: number }[] {
  const out: { date: string; longitude: number; marginMinutes: number }[] = [];
  for (let year = from.getUTCFullYear(); year <= to.getUTCFullYear(); year++) {
    for (let lon = 0; lon < 360; lon += 30) {
      const t = Astronomy.SearchSunLongitude(lon, Astronomy.MakeTime(new Date(Date.UTC(year, 0, 1))), 366);
      if (t && t.date >= from && t.date <= to) out.push({ longitude: lon, ...kst(t) });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** The numbered lunar months that cover the Gregorian year `year` (and some of its neighbours). */
export function lunarMonths(year: number): LunarMonth[] {
  const from = new Date(Date.UTC(year - 1, 9, 1));
  const moons = newMoons(from, 30);
  const terms = principalTerms(from, new Date(Date.UTC(year + 2, 2, 1)));
  const months = moons.slice(0, -1).map((m, i) => {
    const end = moons[i + 1]!.date;
    const inside = terms.filter((t) => t.date >= m.date && t.date < end);
    return { start: m.date, end, startMargin: m.marginMinutes, terms: inside };
  });
  const elevens = months.map((m, i) => (m.terms.some((t) => t.longitude === 270) ? i : -1)).filter((i) => i >= 0);
  const out: LunarMonth[] = [];
  for (let k = 0; k + 1 < elevens.length; k++) {
    const a = elevens[k]!;
    const b = elevens[k + 1]!;
    const leapIndex = b - a === 13 ? months.findIndex((m, i) => i > a && i < b && m.terms.length === 0) : -1;
    let number = 11;
    for (let i = a; i < b; i++) {
      const leap = i === leapIndex;
      if (i > a && !leap) number = (number % 12) + 1;
      const m = months[i]!;
      out.push({ start: m.start, end: m.end, number, leap, startMargin: m.startMargin });
    }
  }
  return out;
}

/** The Gregorian date of lunar month/day (not a leap month) in the lunar year that starts in `year`. */
export function lunarToSolar(year: number, month: number, day: number): { date: string; marginMinutes: number } {
  const months = lunarMonths(year);
  const firstOfYear = months.findIndex((m) => m.number === 1 && !m.leap && m.start.startsWith(`${year}-`));
  const m = months.slice(firstOfYear).find((x) => x.number === month && !x.leap);
  if (firstOfYear < 0 || !m) throw new Error(`lunar ${year}/${month} not found`);
  return { date: addDays(m.start, day - 1), marginMinutes: m.startMargin };
}

export interface KoreanLunarHolidays {
  seollal: string[];
  buddhasBirthday: string;
  chuseok: string[];
  /** Minutes between the deciding new moon and KST midnight (small means uncertain). */
  marginMinutes: number;
}

export function koreanLunarHolidays(year: number): KoreanLunarHolidays {
  const newYear = lunarToSolar(year, 1, 1);
  const buddha = lunarToSolar(year, 4, 8);
  const chuseok = lunarToSolar(year, 8, 15);
  return {
    seollal: [-1, 0, 1].map((k) => addDays(newYear.date, k)),
    buddhasBirthday: buddha.date,
    chuseok: [-1, 0, 1].map((k) => addDays(chuseok.date, k)),
    marginMinutes: Math.min(newYear.marginMinutes, buddha.marginMinutes, chuseok.marginMinutes),
  };
}

if (process.argv[1]?.endsWith('korean-lunar-dates.ts')) {
  const from = Number(process.argv[2] ?? 2025);
  const to = Number(process.argv[3] ?? from);
  for (let year = from; year <= to; year++) {
    const h = koreanLunarHolidays(year);
    process.stdout.write(
      `${year}  Seollal ${h.seollal.join(' ')}  Buddha ${h.buddhasBirthday}  Chuseok ${h.chuseok.join(' ')}  (new moon ${Math.round(h.marginMinutes)} min from midnight KST)\n`,
    );
  }
}
