/**
 * How public data reads: the "public data as of …" line and its staleness warning, a
 * project's dated events and the source of each fact, and the status and diff of a pack
 * (`data status`, `data apply`, `/invest data`).
 */
import { addDays, toDayNumber, type CivilDate } from '../core/civil-date.ts';
import { formatMoney } from '../core/values.ts';
import type { ProjectEvent, Provenance, PublicDataState, StoredSource } from '../db/public-data.ts';
import type { CostQualifier } from '../domain/project.ts';
import type { ApplyResult, PackChange, PackPlan } from '../usecases/public-data/apply.ts';
import type { PublicDataStatusView } from '../usecases/public-data/status.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import { plural } from './format.ts';
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
export function eventLines(tr: Translator, events: readonly ProjectEvent[], sources: ReadonlyMap<string, StoredSource>): Mrkdwn[] {
  return events.map(
    (e) =>
      mrkdwn`• ${tr.date(e.onDate)} — *${tr.text('event.kind', { kind: e.kind })}*: ${truncate(e.summary, 300)} (${tr.text('fact.label', { label: e.label })}; ${sourceName(e.sourceKey, sources)})${
        e.note ? mrkdwn` — ${truncate(e.note, 300)}` : ''
      }`,
  );
}

/** The order in which a card lists where each fact comes from. */
const PROVENANCE_ORDER = ['name', 'sponsor', 'location', 'sector', 'cost', 'announced', 'stage', 'notice', 'due', 'funded', 'declined'];

/** "• Cost — confirmed; White House 2026-03-19: An "up to" amount …" */
export function provenanceLines(tr: Translator, provenance: Record<string, Provenance>, sources: ReadonlyMap<string, StoredSource>): Mrkdwn[] {
  const order = PROVENANCE_ORDER;
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(provenance)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(
      ([field, p]) =>
        mrkdwn`• ${tr.text('fact.field', { field })} — ${tr.text('fact.label', { label: p.label })}; ${sourceName(p.source, sources)}${p.note ? mrkdwn`: ${truncate(p.note, 400)}` : ''}`,
    );
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number' && v >= 1_000_000) return formatMoney(v);
  return truncate(String(v), 80);
}

function changeLine(c: PackChange): string {
  if (c.field) return `• ${c.what}: ${c.field} ${value(c.from)} → ${value(c.to)}`;
  return `• ${c.what}${c.to !== undefined ? `: ${value(c.to)}` : ''}`;
}

/**
 * The diff of a plan as plain lines (the CLI prints these; Slack gets them in sections).
 * The group titles are in `tr`'s language; each change names the pack's records and fields
 * as the pack does.
 */
export function planLines(plan: PackPlan, limit = 60, tr: Translator = translator('en')): string[] {
  const out: string[] = [];
  const group = (name: string, items: string[]) => {
    if (items.length === 0) return;
    out.push(tr.text('data.group', { group: name, n: String(items.length) }));
    out.push(...items.slice(0, limit));
    if (items.length > limit) out.push(tr.text('data.group_more', { n: String(items.length - limit) }));
  };
  const byKind = (kind: string) => plan.added.filter((c) => c.kind === kind).map(changeLine);
  group('projects', byKind('project'));
  group('events', byKind('event'));
  group('regimes', byKind('regime'));
  group('baselines', byKind('baseline'));
  group('closures', byKind('closure'));
  group('changed', plan.changed.map(changeLine));
  group(
    'conflicts',
    plan.conflicts.map((c) => `${changeLine(c)} — ${c.reason}`),
  );
  if (plan.sourcesChanged) out.push(tr.text('data.sources_changed', { n: String(plan.sourcesChanged) }));
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
              plan.conflicts.slice(0, 15).map((c) => `${changeLine(c)} — ${c.reason}`),
              '\n',
            ).truncate(2900),
          ),
        );
    } else {
      const diff = planLines(plan, 15, tr);
      if (diff.length) blocks.push(section(mrkdwn`${tr.mrkdwn('data.would_change')}\n${joinMrkdwn(diff, '\n')}`.truncate(2900)));
      else blocks.push(section(tr.mrkdwn('data.only_version')));
    }
    if (plan.editedHere.length) {
      blocks.push(section(mrkdwn`${tr.mrkdwn('data.edited_here')}\n${joinMrkdwn(plan.editedHere.slice(0, 15).map(changeLine), '\n')}`.truncate(2900)));
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

/** What `data apply` printed: the diff, then what was written. */
export function applyText(result: ApplyResult, file: string, dryRun: boolean): string {
  const lines = [`Pack ${result.pack.version} (as of ${result.pack.asOf}) from ${file}:`];
  const diff = planLines(result);
  if (result.upToDate) {
    lines.push('Nothing to change: the workspace already has this pack.');
    if (result.conflicts.length) lines.push(...planLines({ ...result, added: [], changed: [], sourcesChanged: 0 }));
  } else if (diff.length) lines.push(...diff);
  else lines.push('No fact changes; the pack version is recorded.');
  if (result.moved.length) lines.push(`Due dates moved by the closures: ${result.moved.map((m) => `${m.slug} ${m.before} → ${m.after}`).join(', ')}`);
  if (!result.upToDate) {
    lines.push(
      dryRun
        ? 'Dry run: nothing was written.'
        : `Applied: ${plural(result.added.length, 'new item')}, ${plural(result.changed.length, 'changed field')}; ${plural(result.conflicts.length, 'conflict')} left as they are. The audit trail names pack ${result.pack.version}.`,
    );
  }
  return lines.join('\n');
}
