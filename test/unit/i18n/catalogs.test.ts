/**
 * The two catalogues say the same things: the same keys, the same arguments, the same
 * select branches; every message renders in both languages; the Japanese one has no
 * English left in it but IDs, commands and names.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, UserError } from '../../../src/core/errors.ts';
import { errorText } from '../../../src/i18n/error-message.ts';
import { en } from '../../../src/i18n/catalogs/en.ts';
import { errorsJa } from '../../../src/i18n/catalogs/errors-ja.ts';
import { ja } from '../../../src/i18n/catalogs/ja.ts';
import { CATALOGS, translator, type MessageKey } from '../../../src/i18n/translator.ts';

/** `name` for a plain argument, `name:plural` / `name:select[a,b]` for the others. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date) out.add(e.value);
    if (e.type === TYPE.plural) {
      out.add(`${e.value}:plural`);
      for (const o of Object.values(e.options)) argumentsOf(o.value, out);
    }
    if (e.type === TYPE.select) {
      out.add(`${e.value}:select[${Object.keys(e.options).sort().join(',')}]`);
      for (const o of Object.values(e.options)) argumentsOf(o.value, out);
    }
  }
  return out;
}

/**
 * The argument names. How a language uses one may differ (Japanese counts `{days}営業日`
 * where English needs a plural, and branches on a deal's code where English prints a name).
 */
function normalised(args: Set<string>): string[] {
  return [...new Set([...args].map((a) => a.split(':')[0]!))].sort();
}

describe('message catalogues', () => {
  const keys = Object.keys(en) as MessageKey[];

  it('have the same keys', () => {
    expect(Object.keys(ja).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s has the same arguments in en and ja', (key) => {
    const a = argumentsOf(parse(en[key], { ignoreTag: true }));
    const b = argumentsOf(parse(ja[key], { ignoreTag: true }));
    expect(normalised(b)).toEqual(normalised(a));
  });

  it('the check itself catches a missing argument and a missing key', () => {
    const a = argumentsOf(parse('{name} is due {date}', { ignoreTag: true }));
    const b = argumentsOf(parse('{name}の期日', { ignoreTag: true }));
    expect(normalised(b)).not.toEqual(normalised(a));
    expect(Object.keys({ ...ja, extra: 'x' }).sort()).not.toEqual([...keys].sort());
  });

  it('renders every message in both languages with sample arguments', () => {
    for (const locale of ['en', 'ja'] as const) {
      const tr = translator(locale);
      for (const key of keys) {
        const args: Record<string, string | number> = {};
        for (const a of argumentsOf(parse(CATALOGS[locale][key], { ignoreTag: true }))) {
          const [name, kind] = a.split(':');
          args[name!] = kind === 'plural' ? 2 : 'x';
        }
        const text = tr.mrkdwn(key, args).markup;
        expect(text, `${locale} ${key}`).not.toMatch(/\{[a-z]+\}/i);
      }
    }
  });

  it('Japanese messages have no English words left but commands, IDs and names', () => {
    // What may stay Latin in a Japanese sentence: commands in backticks, placeholders,
    // calendar and deal IDs, product and protocol names.
    const allowed = new Set([
      'ID',
      'IDs',
      'Slack',
      'dealclock',
      'FRB',
      'US',
      'JP',
      'KR',
      'BANK',
      'YYYY',
      'MM',
      'DD',
      'DATABASE_URL',
      'DEALCLOCK_DATA_DIR',
      'MOU',
      'PostgreSQL',
    ]);
    // Calendar feeds: the calendar apps by name, the setting, and URL as Japanese writes it.
    for (const w of ['URL', 'Outlook', 'Google', 'Apple', 'DEALCLOCK_PUBLIC_URL']) allowed.add(w);
    // The command line's summaries: file formats and the sign-in protocol by name.
    for (const w of ['OAuth', 'PNG', 'CSV', 'iCalendar']) allowed.add(w);
    const words = (text: string) =>
      text
        .replace(/`[^`]*`/g, ' ')
        .replace(/:[a-z0-9_]+:/g, ' ')
        .replace(/\{[^{}]*\}/g, ' ')
        .match(/[A-Za-z_]{3,}/g) ?? [];
    const english: string[] = [];
    for (const [key, text] of [...Object.entries(ja), ...Object.entries(errorsJa)]) {
      // Select keywords are syntax, not words: drop `{x, select, a {…} b {…}}` scaffolding.
      const stripped = text.replace(/\b[A-Za-z_]+, (select|plural),/g, ' ').replace(/\b[A-Za-z_=0-9]+ \{/g, '{');
      for (const w of words(stripped)) if (!allowed.has(w)) english.push(`${key}: ${w}`);
    }
    expect(english).toEqual([]);
  });

  it('every user error has Japanese words, and they render with the details', () => {
    expect(Object.keys(errorsJa).sort()).toEqual([...ERROR_CODES].sort());
    const tr = translator('ja');
    for (const code of ERROR_CODES) {
      const details: Record<string, string | string[]> = {};
      for (const a of argumentsOf(parse(errorsJa[code], { ignoreTag: true }))) {
        const name = a.split(':')[0]!;
        // List details are lists in the English too.
        details[name] = ['matches', 'suggestions', 'problems'].includes(name) ? ['x', 'y'] : 'x';
      }
      const err = new UserError(code, details);
      const text = errorText(tr, err);
      // Not the English fallback, and nothing left unfilled.
      expect(text, code).not.toBe(err.userMessage());
      expect(text, code).not.toMatch(/\{[a-z]+\}/i);
    }
  });

  it('a Japanese error quotes what the user typed and lists suggestions', () => {
    const tr = translator('ja');
    expect(errorText(tr, new UserError('invalid_date', { value: '2026-13-01' }))).toBe(
      '`2026-13-01` は日付として読めません。YYYY-MM-DD（例: `2026-02-17`）、`2026年2月17日`、`today`、`yesterday` のいずれかで指定してください。',
    );
    expect(errorText(tr, new UserError('project_not_found', { ref: 'texs', suggestions: ['texas-gulflink', 'texas-lng'] }))).toBe(
      '`texs` に該当する案件はありません。`texas-gulflink`、`texas-lng` のことですか？一覧は `list` で確認できます。',
    );
    expect(errorText(tr, new UserError('project_not_found', { ref: 'zzz', suggestions: [] }))).toBe(
      '`zzz` に該当する案件はありません。一覧は `list` で確認できます。',
    );
  });
});
