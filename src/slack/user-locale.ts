/**
 * A Slack user's language, from `users.info` with `include_locale` (`ja-JP`, `en-US`…),
 * cached: a person's client language changes rarely, and a command must not wait on Slack
 * for it each time. Bounded in size and in age; a lookup that fails or is slow gives
 * `undefined` (the caller falls back to the workspace default) and is remembered briefly,
 * so a Slack outage costs one slow command per user, not one per command.
 */
import type { webApi } from '@slack/bolt';
import { type Locale, localeFrom } from '../core/locale.ts';

export const LOCALE_CACHE_MS = 3 * 60 * 60 * 1000;
const FAILURE_CACHE_MS = 5 * 60 * 1000;
export const LOCALE_CACHE_MAX = 10_000;
/** A command waits at most this long for Slack to say a user's language. */
const LOOKUP_TIMEOUT_MS = 1_500;

interface Entry {
  locale: Locale | undefined;
  until: number;
}

export class SlackLocaleCache {
  readonly #entries = new Map<string, Entry>();
  /** `users.info` calls made (for tests and metrics). */
  lookups = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = LOCALE_CACHE_MAX,
  ) {}

  async localeOf(client: webApi.WebClient | undefined, teamId: string, userId: string): Promise<Locale | undefined> {
    const key = `${teamId}:${userId}`;
    const hit = this.#entries.get(key);
    if (hit && hit.until > this.now()) {
      // Least recently used goes first: move a hit to the end.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.locale;
    }
    if (!client) return undefined;
    let locale: Locale | undefined;
    let ok = false;
    try {
      this.lookups++;
      const res = await withTimeout(client.users.info({ user: userId, include_locale: true }), LOOKUP_TIMEOUT_MS);
      locale = localeFrom((res.user as { locale?: string } | undefined)?.locale);
      ok = res.ok === true;
    } catch {
      // Missing scope, rate limit, timeout: the workspace default answers instead.
    }
    this.#entries.delete(key);
    this.#entries.set(key, { locale, until: this.now() + (ok ? LOCALE_CACHE_MS : FAILURE_CACHE_MS) });
    while (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
    return locale;
  }

  /**
   * The cached language, without waiting for Slack: for the add form, which must open
   * within 3 seconds of the command. A miss starts a lookup in the background, so the
   * person's next form is in their language.
   */
  cachedLocaleOf(client: webApi.WebClient | undefined, teamId: string, userId: string): Locale | undefined {
    const hit = this.#entries.get(`${teamId}:${userId}`);
    if (hit && hit.until > this.now()) return hit.locale;
    void this.localeOf(client, teamId, userId);
    return undefined;
  }

  get size(): number {
    return this.#entries.size;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One cache per process: every surface (commands, buttons, the form, the App Home) shares it. */
export const userLocales = new SlackLocaleCache();
