/**
 * How public data reads: the "public data as of …" line and its staleness warning, a
 * project's dated events and the source of each fact, and the status and diff of a pack
 * (`data status`, `data apply`, `/invest data`).
 */
import { recordedName } from './format.ts';
import { addDays, isCivilDate, toDayNumber, type CivilDate } from '../core/civil-date.ts';
import type { ProjectEvent, Provenance, PublicDataState, StoredSource } from '../db/public-data.ts';
import type { CostQualifier } from '../domain/project.ts';
import type { ApplyResult, PackChange, PackConflict, PackPlan } from '../usecases/public-data/apply.ts';
import { whatText } from '../usecases/public-data/diff-subject.ts';
import type { PublicDataStatusView } from '../usecases/public-data/status.ts';
import { AS_STORED, type DataText } from '../usecases/public-data/data-text.ts';
import type { Translator } from '../i18n/translator.ts';
import { phraseText } from '../i18n/error-message.ts';
import { joinMrkdwn, link, mrkdwn, type Mrkdwn } from '../core/mrkdwn.ts';
import { context, header, reply, section, truncate, type Block, type Reply } from './reply.ts';

/** A pack older than this is called stale in every reply that uses it. */
export const STALE_PACK_DAYS = 60;

/** `up to US$40bn`, `about US$600M`, `US$2.1bn` / `最大400億ドル`, `約6億ドル`. */
export function costPhrase(tr: Translator, usd: number, qualifier: CostQualifier | null): string {
  return tr.text('cost.qualified', { qualifier: qualifier ?? 'none', amount: tr.money(usd) });
}

export interface Freshness {
  /** `Public data as of Mon 2026-11-09 (pack 2026.11.09)`. */
  line: Mrkdwn;
  /** Set when the pack is older than STALE_PACK_DAYS on `today`. */
  warning: Mrkdwn | undefined;
}

export function freshness(tr: Translator, state: PublicDataState | undefined, today: CivilDate): Freshness | undefined {
  if (state?.status !== 'loaded' || !state.packAsOf || !state.packVersion) return undefined;
  const age = toDayNumber(today) - toDayNumber(state.packAsOf);
  return {
    line: tr.mrkdwn('public.as_of', { asOf: tr.date(state.packAsOf), version: state.packVersion }),
    warning:
      age > STALE_PACK_DAYS
        ? tr.mrkdwn('public.stale', {
            age: String(age),
            asOf: tr.date(state.packAsOf),
            staleAfter: tr.date(addDays(state.packAsOf, STALE_PACK_DAYS)),
          })
        : undefined,
  };
}

/** The context note of a reply that used public data: `Public data as of … (pack …)`. */
export function publicNote(tr: Translator, f: Freshness | undefined): Mrkdwn[] {
  return f ? [tr.mrkdwn('public.note', { line: f.line })] : [];
}

/** The context line and warning block of a reply that used public data. */
export function freshnessBlocks(tr: Translator, state: PublicDataState | undefined, today: CivilDate): { note: Mrkdwn | undefined; blocks: Block[] } {
  const f = freshness(tr, state, today);
  if (!f) return { note: undefined, blocks: [] };
  return { note: f.line, blocks: f.warning ? [section(mrkdwn`:warning: ${f.warning}`)] : [] };
}

export function sourceName(key: string, sources: ReadonlyMap<string, StoredSource>): Mrkdwn {
  const s = sources.get(key);
  if (!s) return mrkdwn`${key}`;
  const name = `${s.publisher}${s.publishedOn ? ` ${s.publishedOn}` : ''}`;
  return s.url ? link(s.url, truncate(name, 80)) : mrkdwn`${truncate(`${name}: ${s.title}`, 160)}`;
}

/** "• Fri 2026-05-01 — Financing signed: JBIC … (reported; NHK 2026-05-01)" */
export function eventLines(tr: Translator, events: readonly ProjectEvent[], sources: ReadonlyMap<string, StoredSource>, text: DataText = AS_STORED): Mrkdwn[] {
  return events.map((e) =>
    tr.mrkdwn('public.event_line', {
      date: tr.date(e.onDate),
      kind: tr.text('event.kind', { kind: e.kind }),
      summary: truncate(text(e.summary), 300),
      label: tr.text('fact.label', { label: e.label }),
      source: sourceName(e.sourceKey, sources),
      hasNote: e.note ? 'yes' : 'no',
      note: e.note ? truncate(text(e.note), 300) : '',
    }),
  );
}

/** The order in which a card lists where each fact comes from. */
const PROVENANCE_ORDER = ['name', 'sponsor', 'location', 'sector', 'cost', 'announced', 'stage', 'notice', 'due', 'funded', 'declined'];

/** "• Cost — confirmed; White House 2026-03-19: An "up to" amount …" */
export function provenanceLines(
  tr: Translator,
  provenance: Record<string, Provenance>,
  sources: ReadonlyMap<string, StoredSource>,
  text: DataText = AS_STORED,
): Mrkdwn[] {
  const order = PROVENANCE_ORDER;
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(provenance)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, p]) =>
      tr.mrkdwn('public.provenance_line', {
        field: tr.text('fact.field', { field }),
        label: tr.text('fact.label', { label: p.label }),
        source: sourceName(p.source, sources),
        hasNote: p.note ? 'yes' : 'no',
        note: p.note ? truncate(text(p.note), 400) : '',
      }),
    );
}

/** A value in a diff line: an amount, a date, a stage in the reader's words; a text as stored, or the pack's translation of it. */
function value(tr: Translator, v: unknown, field: string | undefined, translated: string | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (translated !== undefined) return truncate(translated, 80);
  if (typeof v === 'number' && v >= 1_000_000) return tr.money(v);
  if (typeof v === 'string' && isCivilDate(v)) return tr.day(v);
  if (field === 'stage' && typeof v === 'string') return tr.text('stage.name', { stage: v });
  return truncate(String(v), 80);
}

/** One line of a diff. The record's words (its subject, the field) are in `tr`'s language. */
export function changeLine(tr: Translator, c: PackChange): string {
  const what = whatText(tr, c.whatArgs);
  const ja = tr.locale === 'ja';
  if (c.field) {
    return tr.text('data.change_field', {
      what,
      field: recordedName(tr, 'record.field', c.fieldKey ?? c.field, c.field),
      from: value(tr, c.from, c.fieldKey, ja ? c.fromJa : undefined),
      to: value(tr, c.to, c.fieldKey, ja ? c.toJa : undefined),
    });
  }
  return tr.text('data.change_added', {
    what,
    hasValue: c.to !== undefined ? 'yes' : 'no',
    value: c.to !== undefined ? value(tr, c.to, undefined, ja ? c.toJa : undefined) : '',
  });
}

function conflictLine(tr: Translator, c: PackConflict): string {
  return tr.text('data.change_conflict', { line: changeLine(tr, c), reason: phraseText(tr, c.reason) });
}

/**
 * The diff of a plan as plain lines (the CLI prints these; Slack gets them in sections).
 * The group titles are in `tr`'s language; each change names the pack's records and fields
 * as the pack does.
 */
export function planLines(tr: Translator, plan: PackPlan, limit = 60): string[] {
  const out: string[] = [];
  const group = (name: string, items: string[]) => {
    if (items.length === 0) return;
    out.push(tr.text('data.group', { group: name, n: String(items.length) }));
    out.push(...items.slice(0, limit));
    if (items.length > limit) out.push(tr.text('data.group_more', { n: String(items.length - limit) }));
  };
  const line = (c: PackChange) => changeLine(tr, c);
  const byKind = (kind: string) => plan.added.filter((c) => c.kind === kind).map(line);
  group('projects', byKind('project'));
  group('events', byKind('event'));
  group('regimes', byKind('regime'));
  group('baselines', byKind('baseline'));
  group('closures', byKind('closure'));
  group('changed', plan.changed.map(line));
  group(
    'conflicts',
    plan.conflicts.map((c) => conflictLine(tr, c)),
  );
  if (plan.sourcesChanged) out.push(tr.text('data.sources_changed', { n: String(plan.sourcesChanged) }));
  if (plan.textsChanged) out.push(tr.text('data.texts_changed', { n: String(plan.textsChanged) }));
  return out;
}

function stateLine(tr: Translator, state: PublicDataState | undefined): string {
  const status = !state ? 'none' : state.status === 'off' || state.status === 'existing' ? state.status : 'loaded';
  return tr.text('data.state', {
    state: status,
    version: state?.packVersion ?? '',
    asOf: status === 'loaded' ? tr.date(state!.packAsOf!) : '',
  });
}

/**
 * `data status` / `/invest data`, in `tr`'s language (the CLI's `dealclock data status`
 * passes English: it is the operator's tool).
 */
export function statusReply(tr: Translator, view: PublicDataStatusView, today: CivilDate, fileLabel: string): Reply {
  const blocks: Block[] = [header(tr.plain('data.title'))];
  const lines: Mrkdwn[] = [mrkdwn`${stateLine(tr, view.state)}`];
  const f = freshness(tr, view.state, today);
  if (f?.warning) lines.push(mrkdwn`:warning: ${f.warning}`);
  if (view.pack) lines.push(tr.mrkdwn('data.pack', { file: fileLabel, version: view.pack.version, asOf: tr.date(view.pack.asOf) }));
  else lines.push(tr.mrkdwn('data.pack_refused', { file: fileLabel, error: view.packError ?? '' }));
  blocks.push(section(joinMrkdwn(lines, '\n')));
  const plan = view.plan;
  if (plan) {
    if (plan.upToDate) {
      blocks.push(section(tr.mrkdwn('data.up_to_date', { conflicts: plan.conflicts.length ? 'yes' : 'no' })));
      if (plan.conflicts.length)
        blocks.push(
          section(
            joinMrkdwn(
              plan.conflicts.slice(0, 15).map((c) => conflictLine(tr, c)),
              '\n',
            ).truncate(2900),
          ),
        );
    } else {
      const diff = planLines(tr, plan, 15);
      if (diff.length) blocks.push(section(mrkdwn`${tr.mrkdwn('data.would_change')}\n${joinMrkdwn(diff, '\n')}`.truncate(2900)));
      else blocks.push(section(tr.mrkdwn('data.only_version')));
    }
    if (plan.editedHere.length) {
      blocks.push(
        section(
          mrkdwn`${tr.mrkdwn('data.edited_here')}\n${joinMrkdwn(
            plan.editedHere.slice(0, 15).map((c) => changeLine(tr, c)),
            '\n',
          )}`.truncate(2900),
        ),
      );
    }
  }
  blocks.push(context(tr.mrkdwn('data.apply_note')));
  const summary = plan
    ? plan.upToDate
      ? tr.text('data.summary_up_to_date')
      : tr.text('data.summary_counts', { added: plan.added.length, changed: plan.changed.length, conflicts: plan.conflicts.length })
    : tr.text('data.summary_refused');
  return reply(tr.mrkdwn('data.fallback', { state: stateLine(tr, view.state), summary }), blocks);
}

/** What `data apply` prints: the diff, then what was written. */
export function applyText(tr: Translator, result: ApplyResult, file: string, dryRun: boolean): string {
  const lines = [tr.text('data.apply.head', { version: result.pack.version, asOf: tr.day(result.pack.asOf), file })];
  const diff = planLines(tr, result);
  if (result.upToDate) {
    lines.push(tr.text('data.apply.nothing'));
    if (result.conflicts.length) lines.push(...planLines(tr, { ...result, added: [], changed: [], sourcesChanged: 0, textsChanged: 0 }));
  } else if (diff.length) lines.push(...diff);
  else lines.push(tr.text('data.apply.only_version'));
  if (result.moved.length) {
    const moves = result.moved.map((m) => tr.text('data.apply.move', { slug: m.slug, before: tr.day(m.before), after: tr.day(m.after) }));
    lines.push(tr.text('data.apply.moved', { moves: moves.join(tr.separator) }));
  }
  if (!result.upToDate) {
    lines.push(
      dryRun
        ? tr.text('data.apply.dry_run')
        : tr.text('data.apply.applied', {
            added: result.added.length,
            changed: result.changed.length,
            conflicts: result.conflicts.length,
            version: result.pack.version,
          }),
    );
  }
  return lines.join('\n');
}
