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
/**
 * The add form waits at most this long: its trigger_id expires 3 s after the command, and
 * the ack, the admin check and `views.open` need their share of them.
 */
export const FORM_LOCALE_WAIT_MS = 700;

interface Entry {
  locale: Locale | undefined;
  until: number;
}

export class SlackLocaleCache {
  readonly #entries = new Map<string, Entry>();
  /** Lookups under way: two commands of one person share one `users.info` call. */
  readonly #pending = new Map<string, Promise<Locale | undefined>>();
  /** `users.info` calls made (for tests and metrics). */
  lookups = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = LOCALE_CACHE_MAX,
  ) {}

  /**
   * The person's Slack language. `waitMs` bounds how long this caller waits (the add form
   * cannot wait as long as a reply can: its trigger_id expires); a lookup that outlasts
   * it goes on and fills the cache for the next request. The lookup itself gives up after
   * LOOKUP_TIMEOUT_MS and is then remembered as failed for a few minutes.
   */
  async localeOf(client: webApi.WebClient | undefined, teamId: string, userId: string, waitMs = LOOKUP_TIMEOUT_MS): Promise<Locale | undefined> {
    const key = `${teamId}:${userId}`;
    const hit = this.cached(teamId, userId);
    if (hit.known) return hit.locale;
    if (!client) return undefined;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.#lookup(client, key, userId).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    if (waitMs >= LOOKUP_TIMEOUT_MS) return pending;
    return withTimeout(pending, waitMs).catch(() => undefined);
  }

  /**
   * What the cache knows, without asking Slack: for answers that go out before any
   * lookup may run (a busy reply in the ack itself).
   */
  cached(teamId: string, userId: string): { known: boolean; locale: Locale | undefined } {
    const key = `${teamId}:${userId}`;
    const hit = this.#entries.get(key);
    if (!hit || hit.until <= this.now()) return { known: false, locale: undefined };
    // Least recently used goes first: move a hit to the end.
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return { known: true, locale: hit.locale };
  }

  async #lookup(client: webApi.WebClient, key: string, userId: string): Promise<Locale | undefined> {
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
   * The cached language, without waiting for Slack. A miss starts a lookup in the
   * background, so the person's next request is in their language.
   */
  cachedLocaleOf(client: webApi.WebClient | undefined, teamId: string, userId: string): Locale | undefined {
    const hit = this.cached(teamId, userId);
    if (hit.known) return hit.locale;
    void this.localeOf(client, teamId, userId);
    return undefined;
  }

  /** Forgets every person's language (tests; a deliberate refresh). */
  clear(): void {
    this.#entries.clear();
    this.lookups = 0;
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
