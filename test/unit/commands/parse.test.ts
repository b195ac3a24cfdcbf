import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_LENGTH, parseCommandText } from '../../../src/commands/parse.ts';
import { type ErrorCode, UserError } from '../../../src/core/errors.ts';

function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}

function expectUserError(text: string, code: ErrorCode): UserError {
  const err = userErrorOf(() => parseCommandText(text));
  expect(err.code).toBe(code);
  return err;
}

const words = (text: string) => parseCommandText(text).words;
const options = (text: string) => ({ ...parseCommandText(text).options });

describe('parseCommandText: words and options', () => {
  it('splits positional words and key=value options', () => {
    const parsed = parseCommandText('add Texas deal=JP cost=2.1B');
    expect(parsed.words).toEqual(['add', 'Texas']);
    expect({ ...parsed.options }).toEqual({ deal: 'JP', cost: '2.1B' });
  });

  it('keeps word order and lower-cases option keys but not values', () => {
    expect(words('select texas-gulflink Share')).toEqual(['select', 'texas-gulflink', 'Share']);
    expect(options('list Deal=jp NOTICE=Today')).toEqual({ deal: 'jp', notice: 'Today' });
  });

  it('accepts underscores and digits in keys', () => {
    expect(options('x _a=1 due_2=2 A1_b=3')).toEqual({ _a: '1', due_2: '2', a1_b: '3' });
  });

  it('treats a token with an invalid key as a positional word', () => {
    expect(words('1abc=x a-b=c é=1 =value')).toEqual(['1abc=x', 'a-b=c', 'é=1', '=value']);
    expect(options('1abc=x a-b=c é=1 =value')).toEqual({});
  });

  it('keeps everything after the first = in the value', () => {
    expect(options('note=a=b=c url=https://x.example/?q=1')).toEqual({ note: 'a=b=c', url: 'https://x.example/?q=1' });
  });

  it('gives `key=` with nothing after it an empty value', () => {
    expect(options('edit texas sponsor= sector=energy')).toEqual({ sponsor: '', sector: 'energy' });
    expect(options('edit texas sponsor=')).toEqual({ sponsor: '' });
  });

  it('refuses a duplicate option, whatever its case', () => {
    expect(expectUserError('list deal=JP deal=KR', 'duplicate_option').details).toEqual({ key: 'deal' });
    expect(expectUserError('list deal=JP DEAL=KR', 'duplicate_option').details).toEqual({ key: 'deal' });
    expect(expectUserError('list deal="" deal=', 'duplicate_option').details).toEqual({ key: 'deal' });
  });

  it('treats prototype names as ordinary keys', () => {
    const parsed = parseCommandText('x __proto__=a constructor=b toString=c');
    expect(Object.keys(parsed.options)).toEqual(['__proto__', 'constructor', 'tostring']);
    // biome-ignore lint/complexity/useLiteralKeys: the point is a key that Object.prototype also has
    expect(parsed.options['constructor']).toBe('b');
    // biome-ignore lint/complexity/useLiteralKeys: as above
    expect(parsed.options['hasownproperty']).toBeUndefined();
    expect(expectUserError('x constructor=a constructor=b', 'duplicate_option').details).toEqual({ key: 'constructor' });
  });
});

describe('parseCommandText: empty and blank input', () => {
  it('returns no words for empty text', () => {
    expect(parseCommandText('')).toEqual({ words: [], options: {} });
  });

  it('returns no words for whitespace of every kind', () => {
    expect(parseCommandText('   \t \n \r\n \u00a0 \u3000 \u2003 ')).toEqual({ words: [], options: {} });
  });

  it('splits on tab, newline, CR, non-breaking and ideographic spaces', () => {
    expect(words('a\tb\nc\r\nd\u00a0e\u3000f\u202fg')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });
});

describe('parseCommandText: quotes', () => {
  it('reads a straight double-quoted phrase as one word', () => {
    expect(words('add "Texas GulfLink" deal=JP')).toEqual(['add', 'Texas GulfLink']);
  });

  it('reads a straight single-quoted phrase as one word', () => {
    expect(words("add 'Texas GulfLink'")).toEqual(['add', 'Texas GulfLink']);
  });

  it('reads Slack curly double quotes “…”', () => {
    expect(words('add “Texas GulfLink” deal=JP')).toEqual(['add', 'Texas GulfLink']);
  });

  it('reads Slack curly single quotes ‘…’', () => {
    expect(words('add ‘Texas GulfLink’ deal=JP')).toEqual(['add', 'Texas GulfLink']);
  });

  it('reads German low-9 quotes „…“ and ‚…‘', () => {
    expect(words('add „Texas GulfLink“ ‚Gulf Coast‘')).toEqual(['add', 'Texas GulfLink', 'Gulf Coast']);
  });

  it('closes a curly opener with the straight quote of the same family', () => {
    expect(words('add “Texas GulfLink" x')).toEqual(['add', 'Texas GulfLink', 'x']);
    expect(words("add ‘Texas GulfLink' x")).toEqual(['add', 'Texas GulfLink', 'x']);
  });

  it('does not close a phrase with a quote of the other family', () => {
    expect(words('add "Japan\'s fund" x')).toEqual(['add', "Japan's fund", 'x']);
    expect(words('add \'the "big" one\' x')).toEqual(['add', 'the "big" one', 'x']);
    expect(words('add “O’Brien” x')).toEqual(['add', 'O’Brien', 'x']);
  });

  it('nests curly quotes inside straight quotes', () => {
    expect(words('add "He said “hi” there" x')).toEqual(['add', 'He said “hi” there', 'x']);
  });

  it('quotes option values, straight and curly', () => {
    expect(options('add x sponsor="Japan Bank" sector=“clean energy” location=‘Gulf Coast’ reason=\'too slow\'')).toEqual({
      sponsor: 'Japan Bank',
      sector: 'clean energy',
      location: 'Gulf Coast',
      reason: 'too slow',
    });
  });

  it('allows an empty quoted value and an empty quoted word', () => {
    expect(parseCommandText('edit x sponsor="" sector=“”')).toEqual({ words: ['edit', 'x'], options: { sponsor: '', sector: '' } });
    expect(words('add ""')).toEqual(['add', '']);
  });

  it('keeps apostrophes inside words: only a quote at the start of a token opens a phrase', () => {
    expect(words("show O'Brien Japan's Korea’s")).toEqual(['show', "O'Brien", "Japan's", 'Korea’s']);
    expect(options("add x sponsor=O'Brien")).toEqual({ sponsor: "O'Brien" });
    expect(words('say a"b c"')).toEqual(['say', 'a"b', 'c"']);
  });

  it('reads an apostrophe inside a single-quoted phrase as an apostrophe', () => {
    expect(words("add 'Japan's fund' x")).toEqual(['add', "Japan's fund", 'x']);
    expect(words('add ‘O’Brien’s fund’ x')).toEqual(['add', 'O’Brien’s fund', 'x']);
  });

  it('joins text right after a closing quote to the same token', () => {
    expect(words('add "Texas GulfLink", x')).toEqual(['add', 'Texas GulfLink,', 'x']);
  });

  it('keeps whitespace inside a phrase as typed', () => {
    expect(words('add "Texas\u00a0 GulfLink"')).toEqual(['add', 'Texas\u00a0 GulfLink']);
  });

  it('refuses an unbalanced quote with its 1-based position', () => {
    expect(expectUserError('add "Texas GulfLink', 'unbalanced_quote').details).toEqual({ position: 5 });
    expect(expectUserError('add x sponsor=“Japan Bank', 'unbalanced_quote').details).toEqual({ position: 15 });
    expect(expectUserError("'", 'unbalanced_quote').details).toEqual({ position: 1 });
    expect(expectUserError('add "Texas GulfLink”', 'unbalanced_quote').details).toEqual({ position: 5 });
    expect(expectUserError("add 'Japan's", 'unbalanced_quote').details).toEqual({ position: 5 });
  });

  it('counts the position in characters as the user sees them', () => {
    // The emoji is two UTF-16 units and `&amp;` is one typed character.
    expect(expectUserError('🚀 &amp; "x', 'unbalanced_quote').details).toEqual({ position: 5 });
  });
});

describe('parseCommandText: Slack markup', () => {
  it('decodes the three entities Slack escapes', () => {
    expect(words('add R&amp;D &lt;draft&gt; a&lt;b')).toEqual(['add', 'R&D', '<draft>', 'a<b']);
    expect(options('add x sector="oil &amp; gas"')).toEqual({ sector: 'oil & gas' });
  });

  it('decodes in one pass, so an escaped entity stays literal', () => {
    expect(words('&amp;lt; &amp;amp;')).toEqual(['&lt;', '&amp;']);
  });

  it('leaves other entities alone', () => {
    expect(words('&quot;x&quot; &#39; &nbsp;')).toEqual(['&quot;x&quot;', '&#39;', '&nbsp;']);
  });

  it('keeps user, channel and special mentions as single tokens', () => {
    const parsed = parseCommandText('add x owner=<@U123ABC> channel=<#C0123ABC|deals-jp> <@U123> <!channel> <!here>');
    expect(parsed.words).toEqual(['add', 'x', '<@U123>', '<!channel>', '<!here>']);
    expect({ ...parsed.options }).toEqual({ owner: '<@U123ABC>', channel: '<#C0123ABC|deals-jp>' });
  });

  it('keeps a mention whole even when its label has spaces or quotes', () => {
    expect(words('x <#C0123|deal "room" 2> <!subteam^S1|@deal team> y')).toEqual(['x', '<#C0123|deal "room" 2>', '<!subteam^S1|@deal team>', 'y']);
    expect(options('x channel=<#C0123|deal room>')).toEqual({ channel: '<#C0123|deal room>' });
  });

  it('does not treat a <…> the user typed (escaped by Slack) as a mention', () => {
    expect(words('x &lt;@U1 two&gt;')).toEqual(['x', '<@U1', 'two>']);
  });
});

describe('parseCommandText: hostile input', () => {
  it('refuses text longer than the limit', () => {
    const err = expectUserError('list ' + 'x'.repeat(10 * 1024), 'input_too_long');
    expect(err.details).toEqual({ length: 5 + 10 * 1024, max: MAX_COMMAND_LENGTH });
    expectUserError('a'.repeat(MAX_COMMAND_LENGTH + 1), 'input_too_long');
  });

  it('accepts text exactly at the limit, counted in characters not UTF-16 units', () => {
    expect(words('a'.repeat(MAX_COMMAND_LENGTH))).toHaveLength(1);
    expect(words('🚀'.repeat(MAX_COMMAND_LENGTH))).toEqual(['🚀'.repeat(MAX_COMMAND_LENGTH)]);
  });

  it('checks the length before anything else', () => {
    expectUserError('\u0000'.repeat(MAX_COMMAND_LENGTH + 1), 'input_too_long');
    expectUserError('"'.repeat(MAX_COMMAND_LENGTH + 1), 'input_too_long');
  });

  it.each([
    ['NUL', 'add x\u0000y'],
    ['BEL', 'add \u0007'],
    ['ANSI escape', 'add \u001b[31mred\u001b[0m'],
    ['DEL', 'add x\u007f'],
    ['C1 NEL', 'add x\u0085y'],
    ['C1 CSI', 'add \u009b31m'],
    ['vertical tab', 'add\u000bx'],
    ['form feed', 'add\u000cx'],
    ['right-to-left override', 'add \u202etxt.exe'],
    ['left-to-right embedding', 'add \u202ax'],
    ['first strong isolate', 'add \u2068x\u2069'],
    ['lone high surrogate', 'add \ud83d x'],
    ['lone low surrogate', 'add \ude80 x'],
  ])('refuses control characters: %s', (_, text) => {
    expectUserError(text, 'control_characters');
  });

  it('refuses control characters inside quotes too', () => {
    expectUserError('add "a\u0000b"', 'control_characters');
  });

  it('treats a SQL fragment as text: an unbalanced quote or plain words, nothing else', () => {
    expectUserError("'; DROP TABLE projects; --", 'unbalanced_quote');
    expect(words('show x; DROP TABLE projects; --')).toEqual(['show', 'x;', 'DROP', 'TABLE', 'projects;', '--']);
    expect(words('show "\'; DROP TABLE projects; --"')).toEqual(['show', "'; DROP TABLE projects; --"]);
    expect(options("show x name=Robert');DROP")).toEqual({ name: "Robert');DROP" });
  });

  it('reads emoji as ordinary characters', () => {
    expect(words('add 🚀 "🚀 launch" 👨‍👩‍👧 🇯🇵')).toEqual(['add', '🚀', '🚀 launch', '👨‍👩‍👧', '🇯🇵']);
  });

  it('reads Japanese text, including a quoted name', () => {
    const parsed = parseCommandText('add "テキサス・ガルフリンク" deal=JP');
    expect(parsed.words).toEqual(['add', 'テキサス・ガルフリンク']);
    expect({ ...parsed.options }).toEqual({ deal: 'JP' });
    expect(words('add 「テキサス」　ガルフ')).toEqual(['add', 'テキサス', 'ガルフ']);
  });

  it('reads a keyboard left in full-width mode: ideographic spaces, full-width keys and ＝', () => {
    const parsed = parseCommandText('add　テキサス　ｄｅａｌ＝ＪＰ　ｃｏｓｔ＝２１億ドル　notice＝2026年2月17日 ＤＡＹＳ_２＝1');
    expect(parsed.words).toEqual(['add', 'テキサス']);
    // Keys are folded to ASCII; values are left as typed, for each field's parser to read.
    expect({ ...parsed.options }).toEqual({ deal: 'ＪＰ', cost: '２１億ドル', notice: '2026年2月17日', days_2: '1' });
  });

  it('does not take a Japanese word before ＝ for a key', () => {
    expect(words('add 案件＝テキサス')).toEqual(['add', '案件＝テキサス']);
    expect(words('add ＝x')).toEqual(['add', '＝x']);
  });

  it('quotes with Japanese corner brackets only when the closing bracket ends the token', () => {
    expect(words('add 「テキサス・ガルフリンク」 deal=JP')).toEqual(['add', 'テキサス・ガルフリンク']);
    expect(words('add 「テキサス　ガルフ リンク」')).toEqual(['add', 'テキサス　ガルフ リンク']);
    expect(words('add 『米国 LNG』')).toEqual(['add', '米国 LNG']);
    expect(options('add x sponsor=「日本製鉄 株式会社」')).toEqual({ sponsor: '日本製鉄 株式会社' });
    // A bracket that is part of the name stays.
    expect(words('add 「未来」計画 deal=JP')).toEqual(['add', '「未来」計画']);
    expect(words('add 第2期「北」')).toEqual(['add', '第2期「北」']);
    expect(words('add 「未完')).toEqual(['add', '「未完']);
    expect(words('add 「未来」計画 「x」')).toEqual(['add', '「未来」計画', 'x']);
  });

  it('quotes with full-width double quotes and 〝…〟', () => {
    expect(words('add ＂テキサス ガルフ＂')).toEqual(['add', 'テキサス ガルフ']);
    expect(words('add 〝テキサス ガルフ〟')).toEqual(['add', 'テキサス ガルフ']);
    expectUserError('add ＂テキサス', 'unbalanced_quote');
  });

  it('reads Korean text', () => {
    const parsed = parseCommandText('add “한국 조선 협력” deal=KR sponsor=한화오션');
    expect(parsed.words).toEqual(['add', '한국 조선 협력']);
    expect({ ...parsed.options }).toEqual({ deal: 'KR', sponsor: '한화오션' });
  });

  it('handles pathological text at the length limit', () => {
    expect(words('<@'.repeat(2000))).toHaveLength(1);
    expect(words('<#C1|a '.repeat(571))).toHaveLength(571);
    expect(words('&amp;'.repeat(800))).toEqual(['&'.repeat(800)]);
    expect(options('a='.repeat(2000))).toEqual({ a: 'a='.repeat(1999) });
    expectUserError("'a'b".repeat(1000), 'unbalanced_quote');
    expectUserError('k=v '.repeat(1000), 'duplicate_option');
  });

  it('allows zero-width joiners and combining marks (they are part of text)', () => {
    expect(words('e\u0301 a\u200db')).toEqual(['e\u0301', 'a\u200db']);
  });
});

/** Mulberry32: small, seeded, and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseCommandText: random input', () => {
  const pieces = [
    'a',
    'Z',
    '7',
    '_',
    '-',
    '=',
    'key=',
    'Deal=',
    'deal=',
    ' ',
    '  ',
    '\t',
    '\n',
    '\r',
    '\u00a0',
    '\u3000',
    '"',
    "'",
    '“',
    '”',
    '‘',
    '’',
    '„',
    '‚',
    '<',
    '>',
    '&',
    '&amp;',
    '&lt;',
    '&gt;',
    '#',
    '@',
    '!',
    '|',
    '<@U1>',
    '<#C1|a b>',
    '<!channel>',
    'é',
    'e\u0301',
    'テ',
    '한',
    '🚀',
    '\u200d',
    '\ufeff',
  ];
  // Rarer, so that most strings get past the control-character check and exercise the tokenizer.
  const hostile = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\ud83d', '\ude80'];
  const pick = (random: () => number, from: readonly string[]) => from[Math.floor(random() * from.length)]!;

  it('returns a ParsedCommand or throws a UserError for 2,000 random strings', () => {
    const random = prng(20260217);
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n++) {
      const length = n % 100 === 99 ? MAX_COMMAND_LENGTH + Math.floor(random() * 50) : Math.floor(random() * 40);
      let text = '';
      while (text.length < length) text += pick(random, random() < 0.01 ? hostile : pieces);
      try {
        const parsed = parseCommandText(text);
        expect(Array.isArray(parsed.words)).toBe(true);
        for (const word of parsed.words) expect(typeof word).toBe('string');
        for (const [key, value] of Object.entries(parsed.options)) {
          expect(key).toMatch(/^[a-z_][a-z0-9_]*$/);
          expect(typeof value).toBe('string');
        }
        seen.add('ok');
      } catch (err) {
        if (!(err instanceof UserError)) throw new Error(`non-UserError for ${JSON.stringify(text)}: ${String(err)}`);
        seen.add(err.code);
      }
    }
    // The alphabet reaches every outcome, so the loop is testing something.
    expect([...seen].sort()).toEqual(['control_characters', 'duplicate_option', 'input_too_long', 'ok', 'unbalanced_quote']);
  });
});
