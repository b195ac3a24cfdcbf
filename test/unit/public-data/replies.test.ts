/**
 * Text that comes from a public-data pack (a source's publisher and title, an event's
 * summary and note, a pack version) reaches Slack escaped, like anything a user typed:
 * a pack cannot ping a channel or slip in a link.
 */
import { describe, expect, it } from 'vitest';
import type { ProjectEvent, StoredSource } from '../../../src/db/public-data.ts';
import { costPhrase, eventLines, freshness, provenanceLines, sourceName } from '../../../src/replies/public-data.ts';
import { translator } from '../../../src/i18n/translator.ts';

const EN = translator('en');

const HOSTILE = '<!channel> & <https://evil.example|click>';

function source(over: Partial<StoredSource> = {}): StoredSource {
  return { key: 'src', title: HOSTILE, publisher: 'NHK', publishedOn: '2026-05-01', url: null, citation: null, ...over };
}

describe('public data in Slack text', () => {
  it('escapes a source named without a URL, and links one with a URL under an escaped label', () => {
    expect(sourceName('src', new Map([['src', source()]])).markup).toBe('NHK 2026-05-01: &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
    expect(sourceName('src', new Map([['src', source({ publisher: 'A & <B>', url: 'https://www.nhk.or.jp/x' })]])).markup).toBe(
      '<https://www.nhk.or.jp/x|A &amp; &lt;B&gt; 2026-05-01>',
    );
    expect(sourceName('<!here>', new Map()).markup).toBe('&lt;!here&gt;');
  });

  it('escapes an event summary and note, keeping the bot’s own emphasis', () => {
    const event: ProjectEvent = {
      id: 1,
      projectId: 1,
      kind: 'funded',
      onDate: '2026-05-01',
      summary: HOSTILE,
      label: 'reported',
      sourceKey: 'src',
      note: '<@U123>',
    };
    const [line] = eventLines(EN, [event], new Map([['src', source({ title: 'T' })]]));
    expect(line!.markup).toContain('*Funded*: &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
    expect(line!.markup).toContain('— &lt;@U123&gt;');
    expect(line!.markup).not.toMatch(/<[!@h]/);
  });

  it('escapes a provenance note and a pack version in the freshness line', () => {
    const [line] = provenanceLines(EN, { cost: { label: 'confirmed', source: 'src', note: HOSTILE } }, new Map([['src', source({ title: 'T' })]]));
    expect(line!.markup).toBe('• Cost — confirmed; NHK 2026-05-01: T: &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
    const f = freshness(EN, { status: 'loaded', packVersion: '<!here>', packAsOf: '2026-11-09', updatedAt: new Date() }, '2027-03-01');
    expect(f!.line.markup).toContain('(pack &lt;!here&gt;)');
    expect(f!.warning!.markup).toContain('days old');
  });

  it('qualifies a cost', () => {
    expect(costPhrase(EN, 40e9, 'up_to')).toBe('up to US$40bn');
    expect(costPhrase(EN, 40e9, null)).toBe('US$40bn');
  });
});
