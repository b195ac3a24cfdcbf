/**
 * Slack shows `*bold*`, `_italic_` and `~strike~` only when each marker's outer neighbour
 * is a space, a line's edge or ASCII punctuation. Next to a letter, a digit, a kana or a
 * full-width mark (`：`, `（`, `」`, `。`) the asterisks show as typed, which Japanese
 * puts everywhere: `年間約*178億ドル*の` arrives with its asterisks. The shell's renderer
 * (`mrkdwnToText`) follows the same rule, so a marker it leaves in place is one Slack
 * would show. Every message, in both languages and in every branch of its selects, is
 * rendered with a letter for each argument (an argument's value may begin with one), or,
 * where the code fills an argument with another message, with that message's words.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { errorsJa } from '../../../src/i18n/catalogs/errors-ja.ts';
import { CATALOGS, translator, type MessageKey } from '../../../src/i18n/translator.ts';
import { mrkdwnToText } from '../../../src/replies/render-text.ts';

interface Shape {
  names: Set<string>;
  plurals: Set<string>;
  selects: Map<string, Set<string>>;
}

function shapeOf(elements: MessageFormatElement[], shape: Shape = { names: new Set(), plurals: new Set(), selects: new Map() }): Shape {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date) shape.names.add(e.value);
    if (e.type === TYPE.plural) {
      shape.plurals.add(e.value);
      for (const o of Object.values(e.options)) shapeOf(o.value, shape);
    }
    if (e.type === TYPE.select) {
      const options = shape.selects.get(e.value) ?? new Set<string>();
      for (const [k, o] of Object.entries(e.options)) {
        options.add(k);
        shapeOf(o.value, shape);
      }
      shape.selects.set(e.value, options);
    }
  }
  return shape;
}

/** One set of arguments per select branch (the others on `other`), plus one with none chosen. */
function argumentSets(template: string, fragments: Record<string, string>): Record<string, string | number>[] {
  const shape = shapeOf(parse(template, { ignoreTag: true }));
  const base: Record<string, string | number> = {};
  for (const n of shape.names) base[n] = fragments[n] ?? 'x';
  for (const p of shape.plurals) base[p] = 2;
  for (const s of shape.selects.keys()) base[s] = 'other';
  const sets = [base];
  for (const [s, options] of shape.selects) for (const o of options) sets.push({ ...base, [s]: o });
  // A plural of one picks its own branch in English.
  if (shape.plurals.size) sets.push(Object.fromEntries(Object.entries(base).map(([k, v]) => [k, shape.plurals.has(k) ? 1 : v])));
  return sets;
}

/** Emphasis markers Slack would show as typed: what the renderer left of `*…*`, `_…_`, `~…~`. */
function shownMarkers(markup: string): string[] {
  const text = mrkdwnToText(markup).replace(/`[^`\n]*`/g, ' ');
  return [...text.matchAll(/[*~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g)].map((m) => text.slice(Math.max(0, m.index - 8), m.index + 9));
}

describe('emphasis Slack can render', () => {
  for (const locale of ['en', 'ja'] as const) {
    it(`every ${locale} message's markers sit against a space, a line's edge or ASCII punctuation`, () => {
      const tr = translator(locale);
      const shown: string[] = [];
      // Arguments that follow a closing marker are filled with another message's words:
      // those words, not a letter, are what stands next to the marker.
      const fragments: Record<string, string> = {
        late: tr.text('reminder.late', { on: 'x' }),
        noGap: tr.text('exposure.line_no_gap'),
        where: tr.text('history.in', { where: 'x' }),
      };
      for (const [key, template] of Object.entries(CATALOGS[locale]) as [MessageKey, string][]) {
        for (const args of argumentSets(template, fragments)) {
          const markup = tr.mrkdwn(key, args).markup;
          for (const m of shownMarkers(markup)) shown.push(`${key}: …${m}…`);
        }
      }
      expect([...new Set(shown)]).toEqual([]);
    });
  }

  it('Japanese error messages have no marker Slack would show', () => {
    expect(Object.entries(errorsJa).filter(([, t]) => shownMarkers(t.replace(/\{[^{}]*\}/g, ' ')).length)).toEqual([]);
  });

  it('the check itself catches bold against kana and full-width marks, and passes spaced bold', () => {
    expect(shownMarkers('年間約*178億ドル*の追加関税')).toHaveLength(2);
    expect(shownMarkers('案件：*残り30営業日*')).toHaveLength(2);
    expect(shownMarkers('*進行中の出資期限*（期限超過）')).toHaveLength(2);
    expect(shownMarkers('年間約 *178億ドル* の追加関税')).toEqual([]);
    expect(shownMarkers('*Running clocks* (overdue first)')).toEqual([]);
    expect(shownMarkers('`DEALCLOCK_PUBLIC_DATA=off`')).toEqual([]);
  });
});
