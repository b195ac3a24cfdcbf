/**
 * Dates and amounts the way Japanese government and finance documents write them:
 * `2026年4月23日（木）`, `21億ドル`, `1兆2000億ドル`. ASCII digits, as the press uses in
 * horizontal text.
 */
import { type CivilDate, toDayNumber, weekdayOf } from '../core/civil-date.ts';

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** `2026年4月23日（木）`: the weekday in full-width parentheses. */
export function formatDateJa(date: CivilDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日（${WEEKDAYS_JA[weekdayOf(toDayNumber(date))]}）`;
}

/** `2026年4月23日` without the weekday (as-of lines). */
export function formatDayJa(date: CivilDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const OKU = 100_000_000;
const CHO = 1_000_000_000_000;
const MAN = 10_000;

/**
 * US dollars in 兆 / 億 / 万 units: US$2.1bn → `21億ドル`, US$33bn → `330億ドル`,
 * US$1.2tn → `1兆2000億ドル`, US$0.6bn → `6億ドル`, US$21.5億 → `21.5億ドル`.
 * Below 100億 one decimal of 億 is kept (what three significant digits keep in English);
 * above, whole 億. Under 1億, whole 万. Under 1万, whole dollars.
 */
export function formatMoneyJa(usd: number): string {
  if (!Number.isFinite(usd)) throw new RangeError(`not an amount: ${usd}`);
  const n = Math.round(Math.abs(usd));
  const sign = usd < 0 && n !== 0 ? '-' : '';
  if (n >= CHO) {
    const oku = Math.round(n / OKU);
    const cho = Math.floor(oku / MAN);
    const rest = oku % MAN;
    return `${sign}${cho}兆${rest ? `${rest}億` : ''}ドル`;
  }
  if (n >= OKU) {
    const tenths = Math.round(n / (OKU / 10));
    // 9999.96億 rounds to 10000億: say 1兆.
    if (tenths >= MAN * 10) return `${sign}1兆ドル`;
    const shown = tenths >= 1000 ? Math.round(tenths / 10) : tenths / 10;
    return `${sign}${shown}億ドル`;
  }
  if (n >= MAN) {
    const man = Math.round(n / MAN);
    return man >= MAN ? `${sign}1億ドル` : `${sign}${man}万ドル`;
  }
  return `${sign}${n}ドル`;
}
