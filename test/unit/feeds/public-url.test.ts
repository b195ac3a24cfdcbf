import { describe, expect, it } from 'vitest';
import { loadConfig, publicBaseUrl } from '../../../src/config.ts';

describe('DEALCLOCK_PUBLIC_URL', () => {
  it('is the base of feed URLs, without a trailing slash', () => {
    const config = loadConfig({ DEALCLOCK_PUBLIC_URL: 'https://dealclock.example.com/bot/' }, '');
    expect(publicBaseUrl(config)).toEqual({ url: 'https://dealclock.example.com/bot', configured: true });
  });

  it('unset: the local address, marked as not configured', () => {
    expect(publicBaseUrl(loadConfig({ PORT: '8080' }, ''))).toEqual({ url: 'http://localhost:8080', configured: false });
  });

  it.each(['dealclock.example.com', 'ftp://example.com', 'https://example.com/?x=1', 'https://exa mple.com'])('refuses %s with a line naming it', (value) => {
    expect(() => loadConfig({ DEALCLOCK_PUBLIC_URL: value }, '')).toThrow(/DEALCLOCK_PUBLIC_URL/);
  });
});
