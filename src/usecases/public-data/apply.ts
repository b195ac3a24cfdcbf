/**
 * Putting a public-data pack into a workspace: the first load of a new workspace, and
 * `dealclock data apply` of a newer pack. One planner decides everything (what is new,
 * which fields change, which are conflicts) from the pack and the workspace as it is, so
 * `data status` shows exactly what `data apply` would do. Applying writes the plan in one
 * transaction, with an audit event per change attributed to the pack's version.
 *
 * The rule for a fact the workspace already has from an earlier pack: the pack changes a
 * field only where the workspace's value still equals what the earlier pack gave it
 * (`public_record.base`). A field someone in the workspace changed is left alone and
 * listed as a conflict when the pack changes it too. Applying the same pack twice
 * changes nothing.
 */
import { PUBLIC_CLOSURE_CAUSE } from '../calendar-overrides.ts';
import type { CalendarRegistry } from '../../calendar/calendars.ts';
import type { BaseCalendarId } from '../../calendar/holiday-data.ts';
import type { CommandContext } from '../context.ts';
import type { Actor } from '../../db/audit.ts';
import type { ProjectEvent, PublicDataState, PublicRecord, RecordKind } from '../../db/public-data.ts';
import type { StoredOverride } from '../../db/overrides.ts';
import type { ProjectFields } from '../../db/projects.ts';
import type { Store } from '../../db/store.ts';
import type { Deal, Project, Stage } from '../../domain/project.ts';
import type { ImportBaseline, TariffRegime } from '../../tariffs/model.ts';
import { effectiveDueOn } from '../due-date.ts';
import {
  baselineFacts,
  closureFacts,
  eventFacts,
  FACT_WORDS,
  PROJECT_FACTS,
  projectFacts,
  projectProvenance,
  regimeFacts,
  sameValue,
  storedJapaneseTexts,
  type ProjectFact,
} from './facts.ts';
import type { Pack } from './pack.ts';
import { whatText, type WhatArgs } from './diff-subject.ts';
import type { Phrase } from '../../core/errors.ts';
import { phrase } from '../../i18n/error-message.ts';
import { translator } from '../../i18n/translator.ts';

/** One line of a diff: something new, or one field that changes. */
export interface PackChange {
  kind: RecordKind;
  key: string;
  /** `project portsmouth-powered-land`, `regime JP other from 2026-07-24` (English, as the log and the CLI say it). */
  what: string;
  /** The parts of `what`, for a reply in another language (`data.what`). */
  whatArgs: WhatArgs;
  /** The field as the English diff names it (`cost qualifier`)… */
  field?: string;
  /** …and as the record stores it (`costQualifier`), for other languages. */
  fieldKey?: string;
  from?: unknown;
  to?: unknown;
  /** The pack's Japanese of a text value, where it has one. */
  fromJa?: string;
  toJa?: string;
}

export interface PackConflict extends PackChange {
  /** Why it is left alone. */
  reason: Phrase;
}

/** A diff line's subject, with its English words (`data.what`). */
function subject(whatArgs: WhatArgs): { what: string; whatArgs: WhatArgs } {
  return { what: whatText(translator('en'), whatArgs), whatArgs };
}

export interface PackPlan {
  pack: { version: string; asOf: string };
  state: PublicDataState | undefined;
  added: PackChange[];
  changed: PackChange[];
  conflicts: PackConflict[];
  /** Fields the workspace changed where the pack did not: kept, shown for information. */
  editedHere: PackChange[];
  sourcesChanged: number;
  /** Translations of the pack's texts that are new, changed or gone. */
  textsChanged: number;
  /** Nothing to write: the workspace already has this pack as it is. */
  upToDate: boolean;
}

export interface ApplyResult extends PackPlan {
  moved: { slug: string; before: string; after: string }[];
}

/** A write the plan will make, in order: projects before their events. */
type Operation = (w: Writer) => Promise<void>;

interface Writer {
  store: Store;
  actor: Actor;
  /** Pack project id → workspace project id, filled as projects are added. */
  projectIds: Map<string, number>;
  closedCalendars: Set<BaseCalendarId>;
}

interface Workspace {
  state: PublicDataState | undefined;
  records: Map<string, PublicRecord>;
  projects: Map<number, Project>;
  ownRegimes: TariffRegime[];
  baselines: Map<number, ImportBaseline>;
  overrides: StoredOverride[];
  events: Map<number, ProjectEvent>;
  sources: Map<string, { title: string; publisher: string; publishedOn: string | null; url: string | null; citation: string | null }>;
  slugTaken: (slug: string) => Promise<boolean>;
}

const recordKey = (kind: RecordKind, key: string) => `${kind}:${key}`;

async function readWorkspace(store: Store): Promise<Workspace> {
  // One query after another: inside a transaction there is one connection.
  const state = await store.publicData.state();
  const records = await store.publicData.records();
  const regimes = await store.tariffs.regimes();
  const baselines = await store.tariffs.baselines();
  const overrides = await store.overrides.list();
  const events = await store.publicData.events();
  const sources = await store.publicData.sources();
  const projects = new Map<number, Project>();
  for (const r of records) {
    if (r.kind !== 'project' || r.entityId === null) continue;
    const p = await store.projects.byId(r.entityId);
    if (p) projects.set(p.id, p);
  }
  return {
    state,
    records: new Map(records.map((r) => [recordKey(r.kind, r.key), r])),
    projects,
    ownRegimes: regimes.filter((r) => !r.builtIn),
    baselines: new Map(baselines.filter((b) => !b.builtIn).map((b) => [b.id, b])),
    overrides,
    events: new Map(events.map((e) => [e.id, e])),
    sources,
    slugTaken: async (slug) => Boolean(await store.projects.bySlug(slug)),
  };
}

/** Stages in the order a project moves through them; a pack only moves a project forward. */
const STAGE_RANK: Record<Stage, number> = { candidate: 0, shortlisted: 1, selected: 2, funded: 3, declined: 3, withdrawn: 3 };

interface Planned extends PackPlan {
  operations: Operation[];
  /** Pack project id → workspace project id of the projects the workspace already has. */
  projectIds: Map<string, number>;
}

/**
 * Three-way merge of one row's fields: `pack` (new), `base` (what the previous pack gave),
 * `current` (the workspace). Returns the fields to write and records the diff lines.
 */
function mergeFields<K extends string>(
  plan: Planned,
  target: { kind: RecordKind; key: string; what: string; whatArgs: WhatArgs },
  fields: readonly K[],
  pack: Record<K, unknown>,
  base: Record<string, unknown>,
  current: Record<K, unknown>,
  words: Partial<Record<K, string>> = {},
): { write: Partial<Record<K, unknown>>; baseNext: Record<string, unknown> } {
  const write: Partial<Record<K, unknown>> = {};
  const baseNext: Record<string, unknown> = { ...base };
  for (const f of fields) {
    const field = words[f] ?? f;
    const named = { field, fieldKey: f };
    const packChanged = !sameValue(pack[f], base[f]);
    const edited = !sameValue(current[f], base[f]);
    if (!packChanged) {
      if (edited) plan.editedHere.push({ ...target, ...named, from: base[f] ?? null, to: current[f] ?? null });
      continue;
    }
    if (!edited) {
      write[f] = pack[f];
      baseNext[f] = pack[f];
      plan.changed.push({ ...target, ...named, from: current[f] ?? null, to: pack[f] ?? null });
    } else if (sameValue(current[f], pack[f])) {
      // The workspace already says what the pack now says.
      baseNext[f] = pack[f];
    } else {
      plan.conflicts.push({ ...target, ...named, from: current[f] ?? null, to: pack[f] ?? null, reason: phrase('data.reason_edited') });
    }
  }
  return { write, baseNext };
}

function record(
  kind: RecordKind,
  key: string,
  entityId: number | null,
  base: Record<string, unknown>,
  provenance: PublicRecord['provenance'],
  version: string,
): PublicRecord {
  return { kind, key, entityId, base, provenance, packVersion: version };
}

export async function planPack(ctx: CommandContext, store: Store, pack: Pack): Promise<Planned> {
  const ws = await readWorkspace(store);
  const deals = await ctx.deals();
  const registry = await ctx.calendars(store.query);
  const version = pack.version;
  const plan: Planned = {
    pack: { version, asOf: pack.asOf },
    state: ws.state,
    added: [],
    changed: [],
    conflicts: [],
    editedHere: [],
    sourcesChanged: 0,
    textsChanged: 0,
    upToDate: false,
    operations: [],
    projectIds: new Map(),
  };
  const ops = plan.operations;
  const provenanceOf = (label: string, source: string, note?: string | null) => ({ row: { label, source, ...(note ? { note } : {}) } });

  // Sources first: every other row names them.
  const sources = Object.entries(pack.sources).map(([key, s]) => ({
    key,
    title: s.title,
    publisher: s.publisher,
    publishedOn: s.date ?? null,
    url: s.url ?? null,
    citation: s.citation ?? null,
  }));
  const changedSources = sources.filter((s) => {
    const old = ws.sources.get(s.key);
    return !old || !sameValue({ ...old, key: s.key }, s);
  });
  plan.sourcesChanged = changedSources.length;
  if (changedSources.length) ops.push((w) => w.store.publicData.upsertSources(changedSources));

  // Translations are not facts nobody may edit: the pack's set replaces the workspace's.
  const texts = storedJapaneseTexts(pack);
  const storedTexts = await store.publicData.texts('ja');
  const textKeys = new Set([...texts.keys(), ...storedTexts.keys()]);
  plan.textsChanged = [...textKeys].filter((en) => texts.get(en) !== storedTexts.get(en)).length;
  if (plan.textsChanged) ops.push((w) => w.store.publicData.replaceTexts('ja', texts));

  // Projects.
  const skippedProjects = new Set<string>();
  for (const p of pack.projects) {
    const facts = projectFacts(p) as unknown as Record<ProjectFact, unknown>;
    const provenance = projectProvenance(p);
    const rec = ws.records.get(recordKey('project', p.id));
    const current = rec?.entityId != null ? ws.projects.get(rec.entityId) : undefined;
    const deal = deals.get(p.deal)!;
    if (!rec) {
      const what = subject({ kind: 'project', slug: p.slug });
      if (await ws.slugTaken(p.slug)) {
        plan.conflicts.push({
          kind: 'project',
          key: p.id,
          ...what,
          reason: phrase('data.reason_slug_taken', { slug: p.slug }),
        });
        skippedProjects.add(p.id);
        continue;
      }
      plan.added.push({ kind: 'project', key: p.id, ...what, to: p.name.value });
      ops.push(async (w) => {
        const fields = { slug: p.slug, dealCode: p.deal, ...(facts as unknown as Omit<ProjectFields, 'slug' | 'dealCode'>) };
        fields.dueOn = effectiveDueOn({ ...fields, calendar: null }, deal, registry);
        const project = await w.store.projects.insert(fields);
        w.projectIds.set(p.id, project.id);
        await w.store.publicData.upsertRecord(record('project', p.id, project.id, facts, provenance, version));
        await w.store.audit.record(w.actor, { action: 'project.public-add', projectId: project.id, subject: project.slug, after: { pack: version, ...facts } });
      });
      continue;
    }
    if (!current) {
      skippedProjects.add(p.id);
      continue;
    }
    const what = subject({ kind: 'project', slug: current.slug });
    const { write, baseNext } = mergeFields(
      plan,
      { kind: 'project', key: p.id, ...what },
      PROJECT_FACTS,
      facts,
      rec.base,
      current as unknown as Record<ProjectFact, unknown>,
      FACT_WORDS,
    );
    // A pack moves a project forward only; a stage the workspace moved is already a conflict.
    if (write.stage !== undefined && STAGE_RANK[write.stage as Stage] <= STAGE_RANK[current.stage]) {
      plan.changed = plan.changed.filter((c) => !(c.key === p.id && c.kind === 'project' && c.field === 'stage'));
      plan.conflicts.push({
        kind: 'project',
        key: p.id,
        ...what,
        field: 'stage',
        fieldKey: 'stage',
        from: current.stage,
        to: write.stage,
        reason: phrase('data.reason_backwards', { from: current.stage, to: String(write.stage) }),
      });
      delete write.stage;
      baseNext.stage = rec.base.stage;
    }
    const next = { ...current, ...write } as Project;
    if (next.stage === 'selected' && !next.noticeOn) {
      plan.conflicts.push({
        kind: 'project',
        key: p.id,
        ...what,
        field: 'stage',
        fieldKey: 'stage',
        from: current.stage,
        to: next.stage,
        reason: phrase('data.reason_needs_notice'),
      });
      delete write.stage;
      baseNext.stage = rec.base.stage;
    }
    const changes = write as Partial<ProjectFields>;
    if (Object.keys(changes).length === 0 && sameValue(baseNext, rec.base) && sameValue(provenance, rec.provenance)) continue;
    ops.push(async (w) => {
      if (Object.keys(changes).length) {
        const merged = { ...current, ...changes };
        const due = effectiveDueOn(merged, deal, registry);
        if (due !== current.dueOn) changes.dueOn = due;
        const updated = await w.store.projects.update(current.id, changes);
        const keys = Object.keys(changes) as (keyof ProjectFields)[];
        await w.store.audit.record(w.actor, {
          action: 'project.public-update',
          projectId: current.id,
          subject: updated.slug,
          before: Object.fromEntries(keys.map((k) => [k, (current as unknown as Record<string, unknown>)[k] ?? null])),
          after: { ...Object.fromEntries(keys.map((k) => [k, (updated as unknown as Record<string, unknown>)[k] ?? null])), pack: version },
        });
      }
      await w.store.publicData.upsertRecord(record('project', p.id, current.id, baseNext, provenance, version));
    });
  }
  for (const p of pack.projects) {
    const rec = ws.records.get(recordKey('project', p.id));
    if (rec && !skippedProjects.has(p.id) && rec.entityId != null) plan.projectIds.set(p.id, rec.entityId);
  }

  // Dated events of projects. Only packs write them, so only the pack's side can change.
  for (const p of pack.projects) {
    for (const e of p.events) {
      const facts = eventFacts(e) as unknown as Record<string, unknown>;
      const rec = ws.records.get(recordKey('event', e.id));
      const what = subject({ kind: 'event', date: e.date, eventKind: e.kind, slug: p.slug });
      if (skippedProjects.has(p.id)) {
        plan.conflicts.push({ kind: 'event', key: e.id, ...what, reason: phrase('data.reason_no_project') });
        continue;
      }
      if (!rec || rec.entityId === null || !ws.events.has(rec.entityId)) {
        plan.added.push({ kind: 'event', key: e.id, ...what, to: e.summary });
        ops.push(async (w) => {
          const projectId = w.projectIds.get(p.id)!;
          const ev = await w.store.publicData.insertEvent({
            projectId,
            ...(facts as unknown as Omit<ProjectEvent, 'id' | 'projectId'>),
            createdBy: w.actor.userId,
          });
          await w.store.publicData.upsertRecord(record('event', e.id, ev.id, facts, provenanceOf(e.label, e.source, e.note), version));
          await w.store.audit.record(w.actor, {
            action: 'project.public-event',
            projectId,
            subject: p.slug,
            after: { date: e.date, kind: e.kind, summary: e.summary, label: e.label, source: e.source, pack: version },
          });
        });
        continue;
      }
      const current = ws.events.get(rec.entityId)! as unknown as Record<string, unknown>;
      const { write, baseNext } = mergeFields(plan, { kind: 'event', key: e.id, ...what }, Object.keys(facts), facts, rec.base, current);
      if (Object.keys(write).length === 0) continue;
      ops.push(async (w) => {
        await w.store.publicData.updateEvent(rec.entityId!, { ...(current as unknown as ProjectEvent), ...(write as Partial<ProjectEvent>) });
        await w.store.publicData.upsertRecord(record('event', e.id, rec.entityId, baseNext, provenanceOf(e.label, e.source, e.note), version));
      });
    }
  }

  // Tariff regimes, one deal and category at a time: no two rows may overlap.
  const periods = new Map<number, { dealCode: string; category: string; from: string; to: string | null }>(
    ws.ownRegimes.map((r) => [r.id, { dealCode: r.dealCode, category: r.category, from: r.effectiveFrom, to: r.effectiveTo }]),
  );
  const accepted: { dealCode: string; category: string; from: string; to: string | null }[] = [];
  const overlapping = (x: { dealCode: string; category: string; from: string; to: string | null }, exceptId?: number) =>
    [...[...periods.entries()].filter(([id]) => id !== exceptId).map(([, v]) => v), ...accepted].find(
      (y) => y.dealCode === x.dealCode && y.category === x.category && x.from <= (y.to ?? '9999-12-31') && y.from <= (x.to ?? '9999-12-31'),
    );
  for (const r of pack.regimes) {
    const facts = regimeFacts(r, pack.sources) as unknown as Record<string, unknown>;
    const rec = ws.records.get(recordKey('regime', r.id));
    const current = rec?.entityId != null ? ws.ownRegimes.find((x) => x.id === rec.entityId) : undefined;
    const what = subject({ kind: 'regime', deal: r.deal, category: r.category, from: r.from });
    const provenance = provenanceOf(r.label, r.source, r.note);
    if (!rec || !current) {
      const clash = overlapping({ dealCode: r.deal, category: r.category, from: r.from, to: r.to });
      if (clash) {
        plan.conflicts.push({
          kind: 'regime',
          key: r.id,
          ...what,
          reason: phrase('data.reason_overlaps', { from: clash.from, to: clash.to ?? 'open' }),
        });
        continue;
      }
      accepted.push({ dealCode: r.deal, category: r.category, from: r.from, to: r.to });
      plan.added.push({ kind: 'regime', key: r.id, ...what, to: r.basis });
      ops.push(async (w) => {
        const row = await w.store.tariffs.insertRegime({ ...(facts as never as TariffRegime), packVersion: version, createdBy: w.actor.userId });
        await w.store.publicData.upsertRecord(record('regime', r.id, row.id, facts, provenance, version));
        await w.store.audit.record(w.actor, {
          action: 'tariff.public',
          subject: `${r.deal}/${r.category}`,
          after: { id: row.id, from: r.from, to: r.to, basis: r.basis, label: r.label, pack: version },
        });
      });
      continue;
    }
    const { write, baseNext } = mergeFields(
      plan,
      { kind: 'regime', key: r.id, ...what },
      Object.keys(facts),
      facts,
      rec.base,
      current as unknown as Record<string, unknown>,
    );
    if ('effectiveFrom' in write || 'effectiveTo' in write) {
      const next = {
        dealCode: current.dealCode,
        category: current.category,
        from: String(write.effectiveFrom ?? current.effectiveFrom),
        to: (write.effectiveTo ?? current.effectiveTo) as string | null,
      };
      const clash = overlapping(next, current.id);
      if (clash) {
        for (const f of ['effectiveFrom', 'effectiveTo'] as const) {
          if (!(f in write)) continue;
          plan.changed = plan.changed.filter((c) => !(c.kind === 'regime' && c.key === r.id && c.field === f));
          plan.conflicts.push({
            kind: 'regime',
            key: r.id,
            ...what,
            field: f,
            fieldKey: f,
            from: current[f],
            to: write[f],
            reason: phrase('data.reason_would_overlap', { from: clash.from, to: clash.to ?? 'open' }),
          });
          delete write[f];
          baseNext[f] = rec.base[f];
        }
      } else periods.set(current.id, next);
    }
    if (Object.keys(write).length === 0 && sameValue(baseNext, rec.base)) continue;
    ops.push(async (w) => {
      if (Object.keys(write).length) {
        await w.store.tariffs.updateRegime(current.id, { ...write, packVersion: version });
        await w.store.audit.record(w.actor, {
          action: 'tariff.public',
          subject: `${r.deal}/${r.category}`,
          before: Object.fromEntries(Object.keys(write).map((k) => [k, (current as unknown as Record<string, unknown>)[k] ?? null])),
          after: { ...write, id: current.id, pack: version },
        });
      }
      await w.store.publicData.upsertRecord(record('regime', r.id, current.id, baseNext, provenance, version));
    });
  }

  // Import baselines.
  for (const b of pack.baselines) {
    const facts = baselineFacts(b, pack.sources) as unknown as Record<string, unknown>;
    const rec = ws.records.get(recordKey('baseline', b.id));
    const current = rec?.entityId != null ? ws.baselines.get(rec.entityId) : undefined;
    const what = subject({ kind: 'baseline', deal: b.deal, category: b.category, year: String(b.year) });
    const provenance = provenanceOf(b.label, b.source, b.note);
    if (!rec || !current) {
      plan.added.push({ kind: 'baseline', key: b.id, ...what, to: b.annualUsd });
      ops.push(async (w) => {
        const [row] = await w.store.tariffs.insertBaselines([{ ...(facts as never as ImportBaseline), packVersion: version, createdBy: w.actor.userId }]);
        await w.store.publicData.upsertRecord(record('baseline', b.id, row!.id, facts, provenance, version));
        await w.store.audit.record(w.actor, {
          action: 'baseline.public',
          subject: `${b.deal}/${b.category}`,
          after: { id: row!.id, year: b.year, annualUsd: b.annualUsd, label: b.label, pack: version },
        });
      });
      continue;
    }
    const { write, baseNext } = mergeFields(
      plan,
      { kind: 'baseline', key: b.id, ...what },
      Object.keys(facts),
      facts,
      rec.base,
      current as unknown as Record<string, unknown>,
    );
    if (Object.keys(write).length === 0 && sameValue(baseNext, rec.base)) continue;
    ops.push(async (w) => {
      if (Object.keys(write).length) {
        await w.store.tariffs.updateBaseline(current.id, { ...write, packVersion: version });
        await w.store.audit.record(w.actor, {
          action: 'baseline.public',
          subject: `${b.deal}/${b.category}`,
          after: { ...write, id: current.id, pack: version },
        });
      }
      await w.store.publicData.upsertRecord(record('baseline', b.id, current.id, baseNext, provenance, version));
    });
  }

  // Ad-hoc closures: stored as calendar overrides, like `calendar close`.
  for (const c of pack.closures) {
    const facts = closureFacts(c, pack.sources) as unknown as Record<string, unknown>;
    const rec = ws.records.get(recordKey('closure', c.id));
    const current = ws.overrides.find((o) => o.calendar === c.calendar && o.date === c.date);
    const what = subject({ kind: 'closure', calendar: c.calendar, date: c.date });
    const provenance = provenanceOf(c.label, c.source);
    const write = async (w: Writer, base: Record<string, unknown>) => {
      await w.store.overrides.upsert({
        calendar: c.calendar as BaseCalendarId,
        date: c.date,
        action: 'close',
        reason: String(facts.reason),
        createdBy: w.actor.userId,
      });
      w.closedCalendars.add(c.calendar as BaseCalendarId);
      await w.store.publicData.upsertRecord(record('closure', c.id, null, base, provenance, version));
      await w.store.audit.record(w.actor, {
        action: 'calendar.override',
        subject: `${c.calendar} ${c.date}`,
        before: current ? { action: current.action, reason: current.reason } : null,
        after: { action: 'close', reason: facts.reason, pack: version },
      });
    };
    if (!rec) {
      if (current && current.action === 'open') {
        plan.conflicts.push({ kind: 'closure', key: c.id, ...what, reason: phrase('data.reason_opened_here') });
        continue;
      }
      if (current) {
        // Already closed in this workspace: keep its reason, remember the pack's.
        ops.push((w) => w.store.publicData.upsertRecord(record('closure', c.id, null, { ...facts, reason: current.reason }, provenance, version)));
        continue;
      }
      plan.added.push({ kind: 'closure', key: c.id, ...what, to: c.reason });
      ops.push((w) => write(w, facts));
      continue;
    }
    if (!current) {
      if (!sameValue(facts, rec.base)) plan.conflicts.push({ kind: 'closure', key: c.id, ...what, reason: phrase('data.reason_reset_here') });
      continue;
    }
    const { write: fields, baseNext } = mergeFields(
      plan,
      { kind: 'closure', key: c.id, ...what },
      ['action', 'reason'],
      facts,
      rec.base,
      current as unknown as Record<string, unknown>,
    );
    if (Object.keys(fields).length) ops.push((w) => write(w, baseNext));
    else if (!sameValue(baseNext, rec.base)) ops.push((w) => w.store.publicData.upsertRecord(record('closure', c.id, null, baseNext, provenance, version)));
  }

  // A text value's Japanese, from the pack (new texts) or the workspace (the texts it has now).
  const japaneseOf = (v: unknown) => (typeof v === 'string' ? (texts.get(v) ?? storedTexts.get(v)) : undefined);
  for (const c of [...plan.added, ...plan.changed, ...plan.conflicts, ...plan.editedHere]) {
    const fromJa = japaneseOf(c.from);
    const toJa = japaneseOf(c.to);
    if (fromJa) c.fromJa = fromJa;
    if (toJa) c.toJa = toJa;
  }

  const sameVersion = ws.state?.status === 'loaded' && ws.state.packVersion === version && ws.state.packAsOf === pack.asOf;
  plan.upToDate = ops.length === 0 && sameVersion;
  // The state's stamp also says when the translations last changed (usecases/public-data/data-text.ts caches by it).
  if (!sameVersion || plan.textsChanged) ops.push((w) => w.store.publicData.setState('loaded', { version, asOf: pack.asOf }));
  return plan;
}

/**
 * Plans and writes the pack in the caller's transaction (`store` is bound to it). Running
 * clocks on a calendar that got a closure are recomputed, as `calendar close` does.
 */
export async function writePack(ctx: CommandContext, store: Store, pack: Pack, actor: Actor, audit: Record<string, unknown> = {}): Promise<ApplyResult> {
  await store.publicData.lock();
  const { operations, projectIds, ...plan } = await planPack(ctx, store, pack);
  const writer: Writer = { store, actor, projectIds, closedCalendars: new Set() };
  for (const op of operations) await op(writer);
  const moved = writer.closedCalendars.size
    ? await recomputeRunningClocks(store, await ctx.deals(), await ctx.calendars(store.query), writer.closedCalendars, actor)
    : [];
  if (operations.length) {
    await store.audit.record(actor, {
      action: 'data.apply',
      subject: pack.version,
      after: { version: pack.version, asOf: pack.asOf, added: plan.added.length, changed: plan.changed.length, conflicts: plan.conflicts.length, ...audit },
    });
  }
  return { ...plan, moved };
}

async function recomputeRunningClocks(
  store: Store,
  deals: Map<string, Deal>,
  registry: CalendarRegistry,
  calendars: ReadonlySet<BaseCalendarId>,
  actor: Actor,
) {
  const moved: { slug: string; before: string; after: string }[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { projects } = await store.projects.list({ stages: ['selected'], limit: 1000, offset });
    if (projects.length === 0) break;
    for (const p of projects) {
      const deal = deals.get(p.dealCode)!;
      if (!(p.calendar ?? deal.clockCalendar).split('+').some((id) => calendars.has(id as BaseCalendarId))) continue;
      const due = effectiveDueOn(p, deal, registry);
      if (due && due !== p.dueOn) {
        await store.projects.update(p.id, { dueOn: due });
        await store.audit.record(actor, {
          action: 'project.edit',
          projectId: p.id,
          subject: p.slug,
          before: { dueOn: p.dueOn },
          after: { dueOn: due, because: PUBLIC_CLOSURE_CAUSE },
        });
        moved.push({ slug: p.slug, before: p.dueOn!, after: due });
      }
    }
  }
  return moved;
}
