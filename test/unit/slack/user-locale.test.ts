/**
 * The Slack-language cache: one `users.info` per person per lifetime, shared by lookups
 * under way; a caller that cannot wait (the add form) gives up early without spoiling the
 * answer for the next one; failures are remembered briefly; the size is bounded.
 */
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { FORM_LOCALE_WAIT_MS, LOCALE_CACHE_MS, SlackLocaleCache } from '../../../src/slack/user-locale.ts';

/** A stand-in for WebClient's users.info: answers after `delayMs` with the given locale. */
function client(locales: Record<string, string>, delayMs = 0, fail = false) {
  const calls: string[] = [];
  const c = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls.push(user);
        await new Promise((r) => setTimeout(r, delayMs));
        if (fail) throw new Error('An API error occurred: missing_scope');
        return { ok: true, user: { id: user, locale: locales[user] } };
      },
    },
  };
  return { client: c as unknown as webApi.WebClient, calls };
}

describe('SlackLocaleCache', () => {
  it('asks once per person, and again after the lifetime', async () => {
    let now = 0;
    const cache = new SlackLocaleCache(() => now);
    const { client: c, calls } = client({ U1: 'ja-JP', U2: 'en-US' });
    expect(await cache.localeOf(c, 'T', 'U1')).toBe('ja');
    expect(await cache.localeOf(c, 'T', 'U2')).toBe('en');
    expect(await cache.localeOf(c, 'T', 'U1')).toBe('ja');
    expect(calls).toEqual(['U1', 'U2']);
    now += LOCALE_CACHE_MS + 1;
    expect(await cache.localeOf(c, 'T', 'U1')).toBe('ja');
    expect(calls).toEqual(['U1', 'U2', 'U1']);
  });

  it('lookups at the same time share one call', async () => {
    const cache = new SlackLocaleCache();
    const { client: c, calls } = client({ U1: 'ja-JP' }, 20);
    expect(await Promise.all([cache.localeOf(c, 'T', 'U1'), cache.localeOf(c, 'T', 'U1')])).toEqual(['ja', 'ja']);
    expect(calls).toHaveLength(1);
  });

  it('the form gives up after its short wait; the lookup goes on and serves the next request', async () => {
    const cache = new SlackLocaleCache();
    const { client: c, calls } = client({ U1: 'ja-JP' }, FORM_LOCALE_WAIT_MS + 200);
    expect(await cache.localeOf(c, 'T', 'U1', FORM_LOCALE_WAIT_MS)).toBeUndefined();
    expect(cache.cached('T', 'U1').known).toBe(false);
    expect(await cache.localeOf(c, 'T', 'U1')).toBe('ja');
    expect(cache.cached('T', 'U1')).toEqual({ known: true, locale: 'ja' });
    expect(calls).toHaveLength(1);
  });

  it('a failure answers undefined and is remembered for a while, not for the lifetime', async () => {
    let now = 0;
    const cache = new SlackLocaleCache(() => now);
    const failing = client({}, 0, true);
    expect(await cache.localeOf(failing.client, 'T', 'U1')).toBeUndefined();
    expect(await cache.localeOf(failing.client, 'T', 'U1')).toBeUndefined();
    expect(failing.calls).toHaveLength(1);
    now += 5 * 60 * 1000 + 1;
    const working = client({ U1: 'ja-JP' });
    expect(await cache.localeOf(working.client, 'T', 'U1')).toBe('ja');
  });

  it('holds at most `max` people, dropping the least recently used', async () => {
    const cache = new SlackLocaleCache(Date.now, 2);
    const { client: c } = client({ U1: 'ja-JP', U2: 'en-US', U3: 'ja-JP' });
    await cache.localeOf(c, 'T', 'U1');
    await cache.localeOf(c, 'T', 'U2');
    cache.cached('T', 'U1');
    await cache.localeOf(c, 'T', 'U3');
    expect(cache.size).toBe(2);
    expect(cache.cached('T', 'U2').known).toBe(false);
    expect(cache.cached('T', 'U1').known).toBe(true);
  });
});
