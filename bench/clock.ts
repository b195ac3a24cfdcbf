/**
 * Clock engine throughput: advance(notice, 45), openDaysBetween and readClock on the
 * joint calendar US-FRB+JP-BANK, against a day-by-day walk asking date-holidays'
 * `isHoliday` for both countries (what a naive implementation would do), same run.
 */
import Holidays from 'date-holidays';
import { CalendarRegistry } from '../src/calendar/calendars.ts';
import { addDays } from '../src/core/civil-date.ts';
import { readClock } from '../src/domain/clock.ts';
import { resolveProjectRef } from '../src/usecases/project-ref.ts';
import { int, ms, now, ratio, size, table } from './lib.ts';

/** Runs `fn(i)` for about `budgetMs`, in rounds; returns the best round's ops/s. */
function opsPerSecond(fn: (i: number) => unknown, budgetMs: number, round: number): number {
  let best = 0;
  let sink = 0;
  const until = now() + budgetMs;
  let i = 0;
  do {
    const t0 = now();
    for (let k = 0; k < round; k++, i++) if (fn(i)) sink++;
    const dt = now() - t0;
    best = Math.max(best, (round / dt) * 1000);
  } while (now() < until);
  if (sink === -1) console.log(sink);
  return best;
}

export async function clockBench(): Promise<void> {
  const cal = new CalendarRegistry().get('US-FRB+JP-BANK');
  const notices = Array.from({ length: 4096 }, (_, i) => addDays('2025-09-01', i % 365));
  const dues = notices.map((n) => cal.advance(n, 45));
  const todays = Array.from({ length: 4096 }, (_, i) => addDays('2025-09-01', (i * 13) % 420));
  const mask = 4095;

  // The anchor: walk day by day, asking date-holidays about each day in both countries.
  const us = new Holidays('US', { types: ['public'] });
  const jp = new Holidays('JP', { types: ['public', 'bank'] });
  const openNaive = (d: Date) => {
    const wd = d.getUTCDay();
    if (wd === 0 || wd === 6) return false;
    return !us.isHoliday(d) && !jp.isHoliday(d);
  };
  const naiveAdvance = (notice: string, n: number) => {
    const d = new Date(`${notice}T12:00:00Z`);
    let left = n;
    while (left > 0) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (openNaive(d)) left--;
    }
    return d.toISOString().slice(0, 10);
  };
  const naiveBetween = (from: string, to: string) => {
    const d = new Date(`${from}T12:00:00Z`);
    const end = new Date(`${to}T12:00:00Z`);
    let n = 0;
    while (d < end) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (openNaive(d)) n++;
    }
    return n;
  };
  // Sanity: the anchor walks the same kind of calendar (date-holidays alone lacks the
  // documented corrections, so a few dates may differ; the cost is what is compared).
  const budget = size(1500, 300);
  const anchorBudget = size(1500, 300);

  const rows: (string | number)[][] = [];
  const goal = 1_000_000;
  const advance = opsPerSecond((i) => cal.advance(notices[i & mask]!, 45), budget, 20_000);
  const naiveAdv = opsPerSecond((i) => naiveAdvance(notices[i & mask]!, 45), anchorBudget, 3);
  rows.push(['advance(notice, 45)', int(advance), int(naiveAdv), ratio(advance, naiveAdv), advance >= goal ? 'met' : 'NOT met']);

  const between = opsPerSecond((i) => cal.openDaysBetween(todays[i & mask]!, dues[i & mask]!), budget, 20_000);
  const naiveBtw = opsPerSecond(
    (i) => {
      const [a, b] = [todays[i & mask]!, dues[i & mask]!].sort();
      return naiveBetween(a!, b!);
    },
    anchorBudget,
    3,
  );
  rows.push(['remaining: openDaysBetween(today, due)', int(between), int(naiveBtw), ratio(between, naiveBtw), between >= goal ? 'met' : 'NOT met']);

  const reading = opsPerSecond((i) => readClock(notices[i & mask]!, dues[i & mask]!, todays[i & mask]!, cal).remaining, budget, 20_000);
  rows.push(['readClock(notice, due, today) (2 counts)', int(reading), '', '', reading >= goal ? 'met' : `NOT met (${ratio(reading, goal)} of goal)`]);

  // The proposed change (see BENCHMARKS.md), measured here on a copy of the algorithm:
  // parse by char codes instead of a regex + Date.UTC, and return the result from a
  // precomputed table of date strings instead of formatting through Date#toISOString.
  const proto = prototypeCalendar(cal);
  const protoAdvance = opsPerSecond((i) => proto.advance(notices[i & mask]!, 45), budget, 20_000);
  const protoBetween = opsPerSecond((i) => proto.openDaysBetween(todays[i & mask]!, dues[i & mask]!), budget, 20_000);
  for (let k = 0; k < 4096; k++) {
    if (proto.advance(notices[k]!, 45) !== dues[k]) throw new Error(`prototype disagrees on ${notices[k]}`);
    if (proto.openDaysBetween(todays[k]!, dues[k]!) !== cal.openDaysBetween(todays[k]!, dues[k]!)) throw new Error('prototype disagrees');
  }
  rows.push([
    'proposed advance (char-code parse + date-string table)',
    int(protoAdvance),
    int(advance),
    `${ratio(protoAdvance, advance)} of current`,
    protoAdvance >= goal ? 'met' : 'NOT met',
  ]);
  rows.push([
    'proposed openDaysBetween (char-code parse)',
    int(protoBetween),
    int(between),
    `${ratio(protoBetween, between)} of current`,
    protoBetween >= goal ? 'met' : 'NOT met',
  ]);

  const registryGet = opsPerSecond((i) => new CalendarRegistry().get(i % 2 ? 'US-FRB+JP-BANK' : 'US-FRB+KR-BANK'), size(500, 100), 5);
  rows.push(['new CalendarRegistry().get(joint) (build, uncached)', int(registryGet), '', '', 'info']);

  table(
    'Clock engine, US-FRB+JP-BANK (best of rounds, ops/s)',
    ['operation', 'ops/s', 'anchor: day-by-day isHoliday ops/s', 'ratio', 'goal ≥ 1,000,000/s'],
    rows,
  );
  referenceBench();
}

/** Project references over 100,000 candidates: an exact slug, and a typo that needs "did you mean". */
function referenceBench(): void {
  const kinds = ['gulf', 'lng', 'grid', 'fab', 'yard'];
  const candidates = Array.from({ length: 100_000 }, (_, i) => ({
    id: i + 1,
    number: i + 1,
    slug: `project-${(i + 1).toString(36)}-${kinds[i % 5]}`,
    name: `Project ${i + 1}`,
  }));
  candidates.push({ id: 100_001, number: 100_001, slug: 'texas-gulflink', name: 'Texas GulfLink' });
  const timed = (fn: () => unknown, times: number): number => {
    const t0 = now();
    for (let k = 0; k < times; k++) fn();
    return (now() - t0) / times;
  };
  const typo = () => {
    try {
      resolveProjectRef('texas-gulflnk', candidates);
    } catch {
      // project_not_found with suggestions: what is being timed.
    }
  };
  table(
    'Project references, 100,000 candidates (ms per lookup, mean)',
    ['reference', 'ms'],
    [
      ['exact slug `texas-gulflink`', ms(timed(() => resolveProjectRef('texas-gulflink', candidates), size(50, 5)))],
      ['typo `texas-gulflnk` (did you mean)', ms(timed(typo, size(20, 3)))],
    ],
  );
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function fastParse(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  let y = 0;
  for (let k = 0; k < 4; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return NaN;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48,
    m2 = s.charCodeAt(6) - 48,
    d1 = s.charCodeAt(8) - 48,
    d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
  const m = m1 * 10 + m2,
    d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1) return NaN;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!)) return NaN;
  return daysFromCivil(y, m, d);
}

function prototypeCalendar(cal: { isOpen(d: string): boolean; firstDate: string; lastDate: string }) {
  const first = fastParse(cal.firstDate);
  const last = fastParse(cal.lastDate);
  const days: number[] = [];
  const strings: string[] = [];
  for (let d = first; d <= last; d++) {
    const s = new Date(d * 86_400_000).toISOString().slice(0, 10);
    if (cal.isOpen(s)) {
      days.push(d);
      strings.push(s);
    }
  }
  const open = Int32Array.from(days);
  const lowerBound = (v: number) => {
    let lo = 0,
      hi = open.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (open[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const day = (s: string) => {
    const d = fastParse(s);
    if (!(d >= first && d <= last)) throw new RangeError(`bad date ${s}`);
    return d;
  };
  return {
    advance(date: string, n: number): string {
      const d = day(date);
      if (n === 0) return date;
      const target = n > 0 ? lowerBound(d + 1) + n - 1 : lowerBound(d) + n;
      if (target < 0 || target >= open.length) throw new RangeError('out of range');
      return strings[target]!;
    },
    openDaysBetween(from: string, to: string): number {
      return lowerBound(day(to) + 1) - lowerBound(day(from) + 1);
    },
  };
}
