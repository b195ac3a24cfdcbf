/** 日本語。Keys and arguments are those of slack-forms.en.ts; merged into ja.ts. */
import type { slackFormsEn } from './slack-forms.en.ts';

export const slackFormsJa: Record<keyof typeof slackFormsEn, string> = {};
