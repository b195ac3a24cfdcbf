/** 日本語。Keys and arguments are those of tariffs-calendar.en.ts; merged into ja.ts. */
import type { tariffsCalendarEn } from './tariffs-calendar.en.ts';

export const tariffsCalendarJa: Record<keyof typeof tariffsCalendarEn, string> = {};
