/**
 * Reading typed values: the English and ISO forms (the anchor) against their Japanese
 * forms, per call; and project references by a Japanese slug over 100,000 candidates.
 * CSV imports read several values a row, so a parser's microseconds add up there.
 */
import { parseDateValue, parseMoney, slugify } from '../src/core/values.ts';
import { resolveProjectRef } from '../src/usecases/project-ref.ts';
import { ms, note, now, ratio, size, table } from './lib.ts';

/** Mean microseconds per call, after a warm-up. */
function perCall(fn: () => unknown, times: number): number {
  for (let k = 0; k < Math.min(Math.ceil(times / 10), 2000); k++) fn();
  const t0 = now();
  for (let k = 0; k < times; k++) fn();
  return ((now() - t0) * 1000) / times;
}

export async function valuesBench(): Promise<void> {
  const times = size(200_000, 5_000);
  const pairs: [string, () => unknown, string, () => unknown][] = [
    ['`2026-02-17`', () => parseDateValue('2026-02-17', '2026-03-01'), '`2026年2月17日`', () => parseDateValue('2026年2月17日', '2026-03-01')],
    [
      '`2026-02-17`',
      () => parseDateValue('2026-02-17', '2026-03-01'),
      '`令和８年２月１７日（火）`',
      () => parseDateValue('令和８年２月１７日（火）', '2026-03-01'),
    ],
    ['`2.1B`', () => parseMoney('2.1B'), '`21億ドル`', () => parseMoney('21億ドル')],
    ['`US$1.2tn`', () => parseMoney('US$1.2tn'), '`１兆２０００億ドル`', () => parseMoney('１兆２０００億ドル')],
    ['`2.1B`', () => parseMoney('2.1B'), '`3400億円@150`', () => parseMoney('3400億円@150')],
    ['`Texas GulfLink`', () => slugify('Texas GulfLink'), '`テキサス・ガルフリンク`', () => slugify('テキサス・ガルフリンク')],
  ];
  table(
    `Parsing one value (µs per call, mean of ${times.toLocaleString('en-US')})`,
    ['anchor', 'µs', 'Japanese form', 'µs', 'ratio'],
    pairs.map(([anchorName, anchor, name, fn]) => {
      const a = perCall(anchor, times);
      const j = perCall(fn, times);
      return [anchorName, ms(a), name, ms(j), ratio(j, a)];
    }),
  );

  // The same shapes in Latin letters are the anchor: `project-2s` against `案件-2s`.
  const ascii = Array.from({ length: 100_000 }, (_, i) => ({ id: i + 1, number: i + 1, slug: `project-${(i + 1).toString(36)}`, name: `Project ${i + 1}` }));
  ascii.push({ id: 100_001, number: 100_001, slug: 'texas-gulflink', name: 'Texas GulfLink' });
  const japanese = Array.from({ length: 100_000 }, (_, i) => ({ id: i + 1, number: i + 1, slug: `案件-${(i + 1).toString(36)}`, name: `案件 ${i + 1}` }));
  japanese.push({ id: 100_001, number: 100_001, slug: 'テキサス-ガルフリンク', name: 'テキサス・ガルフリンク' });
  const lookup = (ref: string, candidates: typeof ascii) => () => {
    try {
      resolveProjectRef(ref, candidates);
    } catch {
      // project_not_found with suggestions: what a typo times.
    }
  };
  const rows: [string, string, string][] = [
    ['exact slug', 'texas-gulflink', 'テキサス-ガルフリンク'],
    ['name', 'Texas GulfLink', 'テキサス・ガルフリンク'],
    ['typo (did you mean)', 'texas-gulflnk', 'テキサス-ガルフリング'],
  ];
  table(
    'Project references, 100,000 candidates (ms per lookup, mean)',
    ['reference', 'anchor', 'ms', 'Japanese', 'ms', 'ratio'],
    rows.map(([what, a, j]) => {
      const times = what.startsWith('typo') ? size(20, 3) : size(50, 5);
      const anchorMs = perCall(lookup(a, ascii), times) / 1000;
      const japaneseMs = perCall(lookup(j, japanese), times) / 1000;
      return [what, `\`${a}\``, ms(anchorMs), `\`${j}\``, ms(japaneseMs), ratio(japaneseMs, anchorMs)];
    }),
  );
  note('The anchor is the English or ISO form of the same value, in the same run.');
}
