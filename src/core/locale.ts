/** The languages dealclock speaks, and reading a language from Slack's or a user's spelling of it. */

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/**
 * `ja`, `ja-JP`, `ja_JP` → `ja`; `en`, `en-US`, `en-GB` → `en`. Slack's `users.info`
 * gives IETF tags such as `ja-JP`; anything this bot does not speak is `undefined`, and the
 * caller falls back (a Korean or French Slack user reads English, the workspace default).
 */
export function localeFrom(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : undefined;
}
