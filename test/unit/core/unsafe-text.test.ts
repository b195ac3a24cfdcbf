import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/commands/parse.ts';
import { findUnsafeCharacter, hasControlCharacters } from '../../../src/core/unsafe-text.ts';

describe('findUnsafeCharacter (text read from files)', () => {
  it('refuses every character the slash command refuses', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      if (hasControlCharacters(text)) expect(findUnsafeCharacter(text), code.toString(16)).toEqual({ index: 1, description: expect.any(String) });
    }
    expect(() => parseCommandText('add "a\u001bb"')).toThrow(/control characters/);
  });

  it.each([
    ['a\u200Bb', 'U+200B (zero-width space), an invisible character'],
    ['a\u200Cb', 'U+200C (zero-width non-joiner), an invisible character'],
    ['a\u200Db', 'U+200D (zero-width joiner), an invisible character'],
    ['a\u2060b', 'U+2060 (word joiner), an invisible character'],
    ['a\uFEFFb', 'U+FEFF (zero-width no-break space, a byte-order mark inside the text), an invisible character'],
    ['🚀\u200D', 'U+200D (zero-width joiner), an invisible character'],
    ['a\u0000b', 'U+0000 (NUL), a control character'],
    ['a\u001b[0m', 'U+001B (ESC, which starts terminal escape codes), a control character'],
    ['a\u0085b', 'U+0085 (next line), a control character'],
    ['a\u0001b', 'U+0001, a control character'],
    ['a\u202Eb', 'U+202E, a bidi control that makes text display out of order'],
    ['a\u2069b', 'U+2069, a bidi control that makes text display out of order'],
    ['a\uD83Db', 'U+D83D, half of a character (a lone surrogate)'],
  ])('refuses %j as %s', (text, description) => {
    expect(findUnsafeCharacter(text)).toEqual({ index: text.startsWith('🚀') ? 2 : 1, description });
  });

  it.each(['Texas GulfLink', 'テキサス・ガルフリンク', '한국어', 'e\u0301', 'tab\tLF\nCR\r', '👨‍👩‍👧', '🏳️‍🌈', '👩🏽‍💻', '🧑‍🤝‍🧑', '🇯🇵', '\u00a0\u3000'])(
    'accepts %j',
    (text) => {
      expect(findUnsafeCharacter(text)).toBeUndefined();
    },
  );
});
