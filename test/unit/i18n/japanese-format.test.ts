import { describe, expect, it } from 'vitest';
import { formatDateJa, formatMoneyJa } from '../../../src/i18n/japanese-format.ts';
import { translator } from '../../../src/i18n/translator.ts';
import { mrkdwn } from '../../../src/core/mrkdwn.ts';

describe('Japanese formats', () => {
  it('writes dates with the weekday in full-width parentheses', () => {
    expect(formatDateJa('2026-04-23')).toBe('2026年4月23日（木）');
    expect(formatDateJa('2026-02-17')).toBe('2026年2月17日（火）');
    expect(formatDateJa('2027-01-01')).toBe('2027年1月1日（金）');
  });

  it('writes dollar amounts in 兆 / 億 / 万 as the Japanese press does', () => {
    // The glossary's examples.
    expect(formatMoneyJa(2.1e9)).toBe('21億ドル');
    expect(formatMoneyJa(33e9)).toBe('330億ドル');
    expect(formatMoneyJa(550e9)).toBe('5500億ドル');
    expect(formatMoneyJa(0.6e9)).toBe('6億ドル');
    expect(formatMoneyJa(1.2e12)).toBe('1兆2000億ドル');
    // One decimal of 億 below 100億 (three significant digits), whole 億 above.
    expect(formatMoneyJa(2.15e9)).toBe('21.5億ドル');
    expect(formatMoneyJa(18.46e9)).toBe('185億ドル');
    expect(formatMoneyJa(1e12)).toBe('1兆ドル');
    expect(formatMoneyJa(999_996_000_000)).toBe('1兆ドル');
    expect(formatMoneyJa(50_000_000)).toBe('5000万ドル');
    expect(formatMoneyJa(9_999)).toBe('9999ドル');
    expect(formatMoneyJa(0)).toBe('0ドル');
  });

  it('a translator picks the format of its language', () => {
    expect(translator('en').date('2026-04-23')).toBe('Thu 2026-04-23');
    expect(translator('ja').date('2026-04-23')).toBe('2026年4月23日（木）');
    expect(translator('en').money(2.1e9)).toBe('US$2.1bn');
    expect(translator('ja').money(2.1e9)).toBe('21億ドル');
  });

  it('escapes text arguments and keeps markup arguments, in both languages', () => {
    for (const locale of ['en', 'ja'] as const) {
      const tr = translator(locale);
      const out = tr.mrkdwn('reminder.lapse', { line: '<!channel> & co' }).markup;
      expect(out).toContain('&lt;!channel&gt; &amp; co');
      expect(out).not.toContain('<!channel>');
      expect(tr.mrkdwn('reminder.lapse', { line: mrkdwn`*bold*` }).markup).toContain('*bold*');
    }
  });

  it('counts business days with the right plural in English and a counter in Japanese', () => {
    expect(translator('en').text('clock.left', { days: 1 })).toBe('1 business day left');
    expect(translator('en').text('clock.left', { days: 15 })).toBe('15 business days left');
    expect(translator('ja').text('clock.left', { days: 15 })).toBe('残り15営業日');
    expect(translator('ja').text('clock.overdue', { days: 3 })).toBe('3営業日超過');
  });
});
