/**
 * SQL for tariff regimes and import baselines. Built-in rows have workspace_id NULL and
 * are read by every workspace; a workspace writes only its own rows.
 */
import type { CivilDate } from '../core/civil-date.ts';
import type { ImportBaseline, TariffRegime } from '../tariffs/model.ts';
import type { Queryable } from './database.ts';

// Rows come back as the model's objects: each column under its domain name, `builtIn`
// from the workspace, and `numeric` rates as float8 (short decimals such as 27.5, which a
// JS number holds exactly enough for percentages with two decimals).
const REGIME_COLUMNS = `id, workspace_id IS NULL AS "builtIn", deal_code AS "dealCode", category, rate_kind AS "rateKind", rate::float8 AS rate,
  assumed_mfn_rate::float8 AS "assumedMfnRate", mfn_source AS "mfnSource", threatened_rate::float8 AS "threatenedRate", legal_basis AS "legalBasis",
  effective_from AS "effectiveFrom", effective_to AS "effectiveTo", source_url AS "sourceUrl", source_title AS "sourceTitle", reliability, label,
  pack_version AS "packVersion", note, created_by AS "createdBy", created_at AS "createdAt"`;
const BASELINE_COLUMNS = `id, workspace_id IS NULL AS "builtIn", deal_code AS "dealCode", category, annual_usd AS "annualUsd", year, basis,
  source_url AS "sourceUrl", source_title AS "sourceTitle", reliability, label, pack_version AS "packVersion", note, created_by AS "createdBy",
  created_at AS "createdAt"`;

/** Built-in rows plus the workspace's own, optionally for one deal. */
export async function listRegimes(q: Queryable, workspaceId: string, dealCode?: string): Promise<TariffRegime[]> {
  const { rows } = await q.query<TariffRegime>(
    `SELECT ${REGIME_COLUMNS} FROM tariff_regime
     WHERE (workspace_id IS NULL OR workspace_id = $1) AND ($2::text IS NULL OR deal_code = $2)
     ORDER BY deal_code, category, effective_from, id`,
    [workspaceId, dealCode ?? null],
  );
  return rows;
}

export async function listBaselines(q: Queryable, workspaceId: string, dealCode?: string): Promise<ImportBaseline[]> {
  const { rows } = await q.query<ImportBaseline>(
    `SELECT ${BASELINE_COLUMNS} FROM import_baseline
     WHERE (workspace_id IS NULL OR workspace_id = $1) AND ($2::text IS NULL OR deal_code = $2)
     ORDER BY deal_code, category, year, id`,
    [workspaceId, dealCode ?? null],
  );
  return rows;
}

/**
 * Serialises writers of one workspace's tariff data for the rest of the transaction, so
 * two admins recording regimes at once cannot both close the same open row.
 */
export async function lockTariffWrites(q: Queryable, workspaceId: string): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('tariff:' || $1))`, [workspaceId]);
}

/** Ends the workspace's own row `id` on `to`; returns the row as it was. */
export async function closeRegime(q: Queryable, workspaceId: string, id: number, to: CivilDate): Promise<TariffRegime | undefined> {
  const { rows } = await q.query<TariffRegime>(
    `UPDATE tariff_regime SET effective_to = $3 WHERE workspace_id = $1 AND id = $2
     RETURNING ${REGIME_COLUMNS}`,
    [workspaceId, id, to],
  );
  return rows[0];
}

/** Fields only public-data rows carry; a row a user types leaves them out (null). */
type PublicFields = 'sourceTitle' | 'label' | 'packVersion';

/** A regime to write: every stored field but those the database assigns. */
export type NewRegime = Omit<TariffRegime, 'id' | 'builtIn' | 'createdAt' | 'endedByWorkspaceRow' | PublicFields> & Partial<Pick<TariffRegime, PublicFields>>;

export async function insertRegime(q: Queryable, workspaceId: string, r: NewRegime): Promise<TariffRegime> {
  const { rows } = await q.query<TariffRegime>(
    `INSERT INTO tariff_regime (workspace_id, deal_code, category, rate_kind, rate, assumed_mfn_rate, mfn_source, threatened_rate,
       legal_basis, effective_from, effective_to, source_url, source_title, reliability, label, pack_version, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     RETURNING ${REGIME_COLUMNS}`,
    [
      workspaceId,
      r.dealCode,
      r.category,
      r.rateKind,
      r.rate,
      r.assumedMfnRate,
      r.mfnSource,
      r.threatenedRate,
      r.legalBasis,
      r.effectiveFrom,
      r.effectiveTo,
      r.sourceUrl,
      r.sourceTitle ?? null,
      r.reliability,
      r.label ?? null,
      r.packVersion ?? null,
      r.note,
      r.createdBy,
    ],
  );
  return rows[0]!;
}

/** A baseline to write: every stored field but those the database assigns. */
export type NewBaseline = Omit<ImportBaseline, 'id' | 'builtIn' | 'createdAt' | PublicFields> & Partial<Pick<ImportBaseline, PublicFields>>;

export async function insertBaselines(q: Queryable, workspaceId: string, batch: readonly NewBaseline[]): Promise<ImportBaseline[]> {
  if (batch.length === 0) return [];
  const col = <K extends keyof NewBaseline>(k: K) => batch.map((b) => b[k] ?? null);
  const { rows } = await q.query<ImportBaseline>(
    `INSERT INTO import_baseline (workspace_id, deal_code, category, annual_usd, year, basis, source_url, source_title, reliability, label,
       pack_version, note, created_by)
     SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::integer[], $6::text[], $7::text[], $8::text[], $9::text[],
       $10::text[], $11::text[], $12::text[], $13::text[])
     RETURNING ${BASELINE_COLUMNS}`,
    [
      workspaceId,
      col('dealCode'),
      col('category'),
      col('annualUsd'),
      col('year'),
      col('basis'),
      col('sourceUrl'),
      col('sourceTitle'),
      col('reliability'),
      col('label'),
      col('packVersion'),
      col('note'),
      col('createdBy'),
    ],
  );
  return rows;
}

const REGIME_FIELD_COLUMNS = {
  rateKind: 'rate_kind',
  rate: 'rate',
  assumedMfnRate: 'assumed_mfn_rate',
  mfnSource: 'mfn_source',
  threatenedRate: 'threatened_rate',
  legalBasis: 'legal_basis',
  effectiveFrom: 'effective_from',
  effectiveTo: 'effective_to',
  sourceUrl: 'source_url',
  sourceTitle: 'source_title',
  reliability: 'reliability',
  label: 'label',
  packVersion: 'pack_version',
  note: 'note',
} as const satisfies Partial<Record<keyof TariffRegime, string>>;

const BASELINE_FIELD_COLUMNS = {
  annualUsd: 'annual_usd',
  year: 'year',
  basis: 'basis',
  sourceUrl: 'source_url',
  sourceTitle: 'source_title',
  reliability: 'reliability',
  label: 'label',
  packVersion: 'pack_version',
  note: 'note',
} as const satisfies Partial<Record<keyof ImportBaseline, string>>;

async function updateColumns(
  q: Queryable,
  table: string,
  columns: Record<string, string>,
  workspaceId: string,
  id: number,
  changes: Record<string, unknown>,
): Promise<void> {
  const keys = Object.keys(changes).filter((k) => k in columns);
  if (keys.length === 0) return;
  await q.query(`UPDATE ${table} SET ${keys.map((k, i) => `${columns[k]} = $${i + 3}`).join(', ')} WHERE workspace_id = $1 AND id = $2`, [
    workspaceId,
    id,
    ...keys.map((k) => changes[k]),
  ]);
}

/** Changes fields of the workspace's own regime row (public data updates its own rows in place). */
export async function updateRegime(
  q: Queryable,
  workspaceId: string,
  id: number,
  changes: Partial<Pick<TariffRegime, keyof typeof REGIME_FIELD_COLUMNS>>,
): Promise<void> {
  await updateColumns(q, 'tariff_regime', REGIME_FIELD_COLUMNS, workspaceId, id, changes);
}

export async function updateBaseline(
  q: Queryable,
  workspaceId: string,
  id: number,
  changes: Partial<Pick<ImportBaseline, keyof typeof BASELINE_FIELD_COLUMNS>>,
): Promise<void> {
  await updateColumns(q, 'import_baseline', BASELINE_FIELD_COLUMNS, workspaceId, id, changes);
}
