import { describe, expect, it } from 'vitest';
import {
  asMrkdwn,
  channelMention,
  groupMention,
  joinMrkdwn,
  link,
  Mrkdwn,
  mrkdwn,
  mrkdwnNamingUsers,
  plain,
  truncateMarkup,
  unescapeMarkup,
  userMention,
} from '../../../src/core/mrkdwn.ts';
import { mrkdwnToText } from '../../../src/replies/render-text.ts';
import { context, errorReply, fields, header, section } from '../../../src/replies/reply.ts';

const ATTACK = '<!channel> <@U0CEO> <#C0OTHER> <https://x.test|y> & co';
const ESCAPED = '&lt;!channel&gt; &lt;@U0CEO&gt; &lt;#C0OTHER&gt; &lt;https://x.test|y&gt; &amp; co';

describe('mrkdwn`…`', () => {
  it('escapes &, < and > in every interpolated string, and nothing else', () => {
    expect(mrkdwn`Project *${ATTACK}* is due`.markup).toBe(`Project *${ESCAPED}* is due`);
    expect(mrkdwn`${'a &lt; b'}`.markup).toBe('a &amp;lt; b');
    expect(mrkdwn`${'it\'s "quoted" *bold* _it_ :x:'}`.markup).toBe('it\'s "quoted" *bold* _it_ :x:');
    expect(mrkdwn`${42} of ${45}`.markup).toBe('42 of 45');
  });

  it("escapes the template's own words too, so a usage such as `select <project>` is shown, not parsed", () => {
    expect(mrkdwn`\`select <project> notice=<date>\` & more`.markup).toBe('`select &lt;project&gt; notice=&lt;date&gt;` &amp; more');
  });

  it('keeps interpolated Mrkdwn as it is: escaping happens once', () => {
    const name = mrkdwn`*${ATTACK}*`;
    expect(mrkdwn`${name} in ${channelMention('C0DEALS')}`.markup).toBe(`*${ESCAPED}* in <#C0DEALS>`);
    expect(joinMrkdwn([name, '<x>', channelMention('C0DEALS')], ' · ').markup).toBe(`*${ESCAPED}* · &lt;x&gt; · <#C0DEALS>`);
    expect(asMrkdwn(name)).toBe(name);
    expect(asMrkdwn('<!here>').markup).toBe('&lt;!here&gt;');
  });

  it('is a branded type: no string gets in without being escaped, and it never silently becomes one', () => {
    // @ts-expect-error the constructor is private: Mrkdwn is made only by the tag and the builders.
    expect(() => new Mrkdwn('<!channel>')).not.toThrow();
    // The compiler refuses a raw string in a block builder (at run time it fails, or is escaped).
    // @ts-expect-error a section.
    expect(() => section('<!channel>')).toThrow(TypeError);
    // @ts-expect-error a header (plain_text).
    expect(() => header('<!channel>')).toThrow(TypeError);
    // @ts-expect-error a context line.
    expect(() => context('<!channel>')).toThrow(TypeError);
    // @ts-expect-error a field value.
    expect(JSON.stringify(fields([['Name', '<!channel>']]))).toContain('*Name*\\n&lt;!channel&gt;');
    const m = mrkdwn`x`;
    expect(() => `${m}`).toThrow(TypeError);
    expect(() => String(m)).toThrow(TypeError);
    expect(() => mrkdwn`${plain`x` as unknown as string}`).toThrow(TypeError);
  });
});

describe('markup the bot builds itself', () => {
  it('mentions only from IDs of the right shape; anything else is text', () => {
    expect(userMention('U0ADMIN').markup).toBe('<@U0ADMIN>');
    expect(userMention('U0X> <!channel').markup).toBe('@U0X&gt; &lt;!channel');
    expect(channelMention('C0DEALS').markup).toBe('<#C0DEALS>');
    expect(channelMention('shell').markup).toBe('#shell');
    expect(channelMention('C0A|x> <!here').markup).toBe('#C0A|x&gt; &lt;!here');
    expect(groupMention('S0ADMINS').markup).toBe('<!subteam^S0ADMINS>');
    expect(groupMention('channel').markup).toBe('@channel');
  });

  it('links only to http(s) URLs that cannot end the link early; the label is escaped', () => {
    expect(link('https://example.gov/a?x=1&y=2', '<!here> source').markup).toBe('<https://example.gov/a?x=1&y=2|&lt;!here&gt; source>');
    expect(link('javascript:alert(1)', 'x').markup).toBe('x (javascript:alert(1))');
    expect(link('https://x.test/a|<!channel>', 'y').markup).toBe('y (https://x.test/a|&lt;!channel&gt;)');
    expect(link('https://x.test/a b', 'y').markup).toBe('y (https://x.test/a b)');
  });

  it('configured admin mentions stay live; broadcasts and links around them do not', () => {
    expect(mrkdwnNamingUsers('Only <@U0BOSS> or members of <!subteam^S0ADMINS> can <!channel> <https://x.test|y>.').markup).toBe(
      'Only <@U0BOSS> or members of <!subteam^S0ADMINS> can &lt;!channel&gt; &lt;https://x.test|y&gt;.',
    );
  });
});

describe('plain`…` (headers, buttons)', () => {
  it('escapes the same way, so Slack shows the text exactly as typed', () => {
    expect(plain`${ATTACK}`.text).toBe(ESCAPED);
    expect(plain`History — ${'a &lt; b'}`.text).toBe('History — a &amp;lt; b');
  });

  it('reads :emoji: codes only when every word is the bot’s own', () => {
    expect(plain`Funding clocks :calendar:`.emoji).toBe(true);
    expect(plain`${':rotating_light: Fab'}`.emoji).toBe(false);
    expect(plain`Deadline: ${45} days`.emoji).toBe(false);
    expect(plain`${plain`Share`} now`.emoji).toBe(true);
    expect(header(plain`${':rotating_light: Fab'}`)).toMatchObject({ text: { type: 'plain_text', text: ':rotating_light: Fab', emoji: false } });
  });
});

describe('truncation', () => {
  it('never cuts an entity, a mention, a link or a surrogate pair in half', () => {
    const m = mrkdwn`${'&'.repeat(10)}`;
    expect(m.length).toBe(50);
    for (let max = 2; max <= 50; max++) {
      const cut = m.truncate(max).markup;
      expect(cut.length, String(max)).toBeLessThanOrEqual(max);
      expect(cut, String(max)).toMatch(/^(&amp;)*(…)?$/);
    }
    const tokens = mrkdwn`ab ${channelMention('C0DEALS')} ${link('https://example.gov/x', 'source')} 😀😀`;
    for (let max = 2; max < tokens.length; max++) {
      const cut = tokens.truncate(max).markup;
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith('…')).toBe(true);
      const body = cut.slice(0, -1);
      expect(body.split('<').length, cut).toBe(body.split('>').length);
      expect(/[\uD800-\uDBFF]$/.test(body), cut).toBe(false);
    }
    expect(tokens.truncate(1000)).toBe(tokens);
    expect(truncateMarkup('a&lt;b', 4)).toBe('a…');
  });

  it('the builders cut after escaping, to Slack’s limits', () => {
    const long = '<'.repeat(3000);
    const s = section(mrkdwn`${long}`) as { text: { text: string } };
    expect(s.text.text.length).toBeLessThanOrEqual(3000);
    expect(s.text.text).toMatch(/^(&lt;)+…$/);
    const h = header(plain`${long}`) as { text: { text: string } };
    expect(h.text.text.length).toBeLessThanOrEqual(150);
    expect(h.text.text).toMatch(/^(&lt;)+…$/);
  });
});

describe('reading it back for the shell', () => {
  it('unescapes in one pass, so a typed entity stays as typed', () => {
    expect(unescapeMarkup(ESCAPED)).toBe(ATTACK);
    expect(unescapeMarkup(mrkdwn`${'a &lt; b &amp;amp;'}`.markup)).toBe('a &lt; b &amp;amp;');
    expect(mrkdwnToText(mrkdwn`*${ATTACK}* in ${channelMention('C0DEALS')}`.markup)).toBe(`${ATTACK} in #C0DEALS`);
  });

  it('error replies escape the whole message, including what the user typed', () => {
    const r = errorReply('No project matches `<!channel>`.');
    expect(r.text).toBe('No project matches `&lt;!channel&gt;`.');
    expect(JSON.stringify(r.blocks)).not.toContain('<!');
  });
});
