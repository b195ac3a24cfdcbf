/**
 * What a line of a pack's diff is about (`project texas-gulflink`, `regime JP other from
 * 2026-07-24`), in the reader's words: the plan records the parts, a reply words them.
 */
import type { RecordKind } from '../../db/public-data.ts';
import type { Translator } from '../../i18n/translator.ts';

/** What a diff line is about: a project, an event of one, a regime, a baseline or a closure. */
export interface WhatArgs {
  kind: RecordKind;
  slug?: string;
  date?: string;
  eventKind?: string;
  deal?: string;
  category?: string;
  from?: string;
  year?: string;
  calendar?: string;
}

/** `data.what` in `tr`'s language; every part is given, empty where this kind has none. */
export function whatText(tr: Translator, a: WhatArgs): string {
  const day = (d: string | undefined) => (d ? tr.day(d) : '');
  return tr.text('data.what', {
    kind: a.kind,
    slug: a.slug ?? '',
    date: day(a.date),
    eventKind: a.eventKind ?? '',
    deal: a.deal ?? '',
    category: a.category ?? '',
    from: day(a.from),
    year: a.year ?? '',
    calendar: a.calendar ?? '',
  });
}
