/**
 * SQL for public data: which pack a workspace has, the pack's sources, the record of what
 * each pack put into the workspace (and the values it gave, to tell later edits apart),
 * and the dated events of projects. Every statement is scoped by workspace_id ($1).
 */
import type { CivilDate } from '../core/civil-date.ts';
import { selectList } from './columns.ts';
import type { Queryable } from './database.ts';

export type PublicDataStatus = 'loaded' | 'off' | 'existing';

export interface PublicDataState {
  status: PublicDataStatus;
  packVersion: string | null;
  packAsOf: CivilDate | null;
  updatedAt: Date;
}

const STATE_COLUMNS = selectList<PublicDataState>(['status', 'packVersion', 'packAsOf', 'updatedAt']);

export async function getPublicDataState(q: Queryable, workspaceId: string): Promise<PublicDataState | undefined> {
  const { rows } = await q.query<PublicDataState>(`SELECT ${STATE_COLUMNS} FROM public_data_state WHERE workspace_id = $1`, [workspaceId]);
  return rows[0];
}

export async function setPublicDataState(
  q: Queryable,
  workspaceId: string,
  status: PublicDataStatus,
  pack?: { version: string; asOf: CivilDate },
): Promise<void> {
  await q.query(
    `INSERT INTO public_data_state (workspace_id, status, pack_version, pack_as_of) VALUES ($1, $2, $3, $4)
     ON CONFLICT (workspace_id) DO UPDATE SET status = excluded.status, pack_version = excluded.pack_version,
       pack_as_of = excluded.pack_as_of, updated_at = now()`,
    [workspaceId, status, pack?.version ?? null, pack?.asOf ?? null],
  );
}

/** Serialises loads and applies of one workspace's public data (replicas starting together). */
export async function lockPublicData(q: Queryable, workspaceId: string): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('public-data:' || $1))`, [workspaceId]);
}

export interface StoredSource {
  key: string;
  title: string;
  publisher: string;
  publishedOn: CivilDate | null;
  url: string | null;
  citation: string | null;
}

const SOURCE_COLUMNS = selectList<StoredSource>(['key', 'title', 'publisher', 'publishedOn', 'url', 'citation']);

export async function listSources(q: Queryable, workspaceId: string, keys?: readonly string[]): Promise<Map<string, StoredSource>> {
  const { rows } = await q.query<StoredSource>(
    `SELECT ${SOURCE_COLUMNS} FROM public_source WHERE workspace_id = $1 AND ($2::text[] IS NULL OR key = ANY($2::text[]))`,
    [workspaceId, keys ?? null],
  );
  return new Map(rows.map((r) => [r.key, r]));
}

export async function upsertSources(q: Queryable, workspaceId: string, sources: readonly StoredSource[]): Promise<void> {
  if (sources.length === 0) return;
  const col = <K extends keyof StoredSource>(k: K) => sources.map((s) => s[k]);
  await q.query(
    `INSERT INTO public_source (workspace_id, key, title, publisher, published_on, url, citation)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[])
     ON CONFLICT (workspace_id, key) DO UPDATE SET title = excluded.title, publisher = excluded.publisher,
       published_on = excluded.published_on, url = excluded.url, citation = excluded.citation`,
    [workspaceId, col('key'), col('title'), col('publisher'), col('publishedOn'), col('url'), col('citation')],
  );
}

export type RecordKind = 'project' | 'event' | 'regime' | 'baseline' | 'closure';

/** How one field of a public fact is known. */
export interface Provenance {
  label: string;
  source: string;
  note?: string | undefined;
}

export interface PublicRecord {
  kind: RecordKind;
  key: string;
  entityId: number | null;
  /** The values the pack gave the row last, in the row's own (database) form. */
  base: Record<string, unknown>;
  /** Field → how it is known (projects); `row` → the whole row's (events, regimes…). */
  provenance: Record<string, Provenance>;
  packVersion: string;
}

const RECORD_COLUMNS = selectList<PublicRecord>(['kind', 'key', 'entityId', 'base', 'provenance', 'packVersion']);

export async function listRecords(q: Queryable, workspaceId: string): Promise<PublicRecord[]> {
  const { rows } = await q.query<PublicRecord>(`SELECT ${RECORD_COLUMNS} FROM public_record WHERE workspace_id = $1`, [workspaceId]);
  return rows;
}

export async function recordsForEntities(q: Queryable, workspaceId: string, kind: RecordKind, ids: readonly number[]): Promise<PublicRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<PublicRecord>(
    `SELECT ${RECORD_COLUMNS} FROM public_record WHERE workspace_id = $1 AND kind = $2 AND entity_id = ANY($3::bigint[])`,
    [workspaceId, kind, ids],
  );
  return rows;
}

export async function upsertRecord(q: Queryable, workspaceId: string, r: PublicRecord): Promise<void> {
  await q.query(
    `INSERT INTO public_record (workspace_id, kind, key, entity_id, base, provenance, pack_version) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (workspace_id, kind, key) DO UPDATE SET entity_id = excluded.entity_id, base = excluded.base,
       provenance = excluded.provenance, pack_version = excluded.pack_version`,
    [workspaceId, r.kind, r.key, r.entityId, JSON.stringify(r.base), JSON.stringify(r.provenance), r.packVersion],
  );
}

export interface ProjectEvent {
  id: number;
  projectId: number;
  kind: string;
  onDate: CivilDate;
  summary: string;
  label: string;
  sourceKey: string;
  note: string | null;
}

export type NewProjectEvent = Omit<ProjectEvent, 'id'> & { createdBy: string };

const EVENT_COLUMNS = selectList<ProjectEvent>(['id', 'projectId', 'kind', 'onDate', 'summary', 'label', 'sourceKey', 'note']);

export async function insertEvent(q: Queryable, workspaceId: string, e: NewProjectEvent): Promise<ProjectEvent> {
  const { rows } = await q.query<ProjectEvent>(
    `INSERT INTO project_event (workspace_id, project_id, kind, on_date, summary, label, source_key, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${EVENT_COLUMNS}`,
    [workspaceId, e.projectId, e.kind, e.onDate, e.summary, e.label, e.sourceKey, e.note, e.createdBy],
  );
  return rows[0]!;
}

export async function updateEvent(q: Queryable, workspaceId: string, id: number, e: Omit<ProjectEvent, 'id' | 'projectId'>): Promise<void> {
  await q.query(`UPDATE project_event SET kind = $3, on_date = $4, summary = $5, label = $6, source_key = $7, note = $8 WHERE workspace_id = $1 AND id = $2`, [
    workspaceId,
    id,
    e.kind,
    e.onDate,
    e.summary,
    e.label,
    e.sourceKey,
    e.note,
  ]);
}

export async function listEvents(q: Queryable, workspaceId: string, projectId?: number): Promise<ProjectEvent[]> {
  const { rows } = await q.query<ProjectEvent>(
    `SELECT ${EVENT_COLUMNS} FROM project_event WHERE workspace_id = $1 AND ($2::bigint IS NULL OR project_id = $2) ORDER BY on_date, id`,
    [workspaceId, projectId ?? null],
  );
  return rows;
}

/** A pack's translations in one language: English text → its translation. */
export type PublicTexts = ReadonlyMap<string, string>;

/** The workspace's translations into `locale`. */
export async function listTexts(q: Queryable, workspaceId: string, locale: string): Promise<Map<string, string>> {
  const { rows } = await q.query<{ en: string; translated: string }>(`SELECT en, translated FROM public_text WHERE workspace_id = $1 AND locale = $2`, [
    workspaceId,
    locale,
  ]);
  return new Map(rows.map((r) => [r.en, r.translated]));
}

/** Replaces the workspace's translations in `locale` with `texts`. */
export async function replaceTexts(q: Queryable, workspaceId: string, locale: string, texts: PublicTexts): Promise<void> {
  await q.query(`DELETE FROM public_text WHERE workspace_id = $1 AND locale = $2`, [workspaceId, locale]);
  if (texts.size === 0) return;
  await q.query(
    `INSERT INTO public_text (workspace_id, locale, en_hash, en, translated)
     SELECT $1, $2, md5(t.en), t.en, t.translated FROM unnest($3::text[], $4::text[]) AS t(en, translated)`,
    [workspaceId, locale, [...texts.keys()], [...texts.values()]],
  );
}
