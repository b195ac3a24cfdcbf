/** English words of one area of the bot; merged into en.ts. See en.ts for the rules. */
export const tariffsCalendarEn = {} as const satisfies Record<string, string>;
