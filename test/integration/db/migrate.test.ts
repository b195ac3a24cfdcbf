import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import { openDatabase, openMemoryDatabase, type Database } from '../../../src/db/database.ts';
import { MigrationError, migrate, readMigrations } from '../../../src/db/migrate.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { openOwnTestDatabase, serverUrl, testContext } from '../../helpers/db.ts';

const root = mkdtempSync(join(tmpdir(), 'dealclock-migrate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of migration files: `{ '0001_a.sql': 'CREATE …' }`. */
let folders = 0;
function migrationDir(files: Record<string, string>): string {
  const dir = join(root, `m${++folders}`);
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

function withFile(dir: string, name: string, sql: string): string {
  writeFileSync(join(dir, name), sql);
  return dir;
}

// ------------------------------------------------------------------ fresh databases

interface Fresh {
  url?: string;
  db: Database;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let template: Promise<Blob> | undefined;
function emptyCluster(): Promise<Blob> {
  template ??= (async () => {
    const pglite = await PGlite.create();
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    return dump;
  })();
  return template;
}
beforeAll(async () => {
  if (!serverUrl) await emptyCluster();
});

/**
 * An empty database: in-memory PGlite, or a throwaway database on the TEST_DATABASE_URL
 * server (dropped after the test).
 */
async function freshDatabase(): Promise<Fresh> {
  if (!serverUrl) {
    const db = await openMemoryDatabase(await emptyCluster());
    cleanups.push(() => db.close());
    return { db };
  }
  const { db, url } = await openOwnTestDatabase({ migrated: false });
  cleanups.push(() => db.close());
  return { url, db };
}

async function tableExists(db: Database, table: string): Promise<boolean> {
  const { rows } = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  return rows[0]!.t !== null;
}

async function appliedRows(db: Database): Promise<{ version: number; name: string }[]> {
  const { rows } = await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migration ORDER BY version');
  return rows;
}

// ------------------------------------------------------------------ tests

describe('readMigrations', () => {
  it('reads NNNN_name.sql files in order, with a checksum of each', () => {
    const dir = migrationDir({
      '0002_second.sql': 'CREATE TABLE b (id int);',
      '0001_first.sql': 'CREATE TABLE a (id int);',
      'README.md': 'not a migration',
    });
    const migrations = readMigrations(dir);
    expect(migrations.map((m) => [m.version, m.name])).toEqual([
      [1, '0001_first.sql'],
      [2, '0002_second.sql'],
    ]);
    expect(migrations[0]!.sql).toBe('CREATE TABLE a (id int);');
    expect(migrations[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(migrations[0]!.checksum).not.toBe(migrations[1]!.checksum);
  });

  it('refuses a badly named file and a number used twice; allows a gap (a number reserved by a change not landed yet)', () => {
    expect(() => readMigrations(migrationDir({ '0001_First.sql': 'SELECT 1;' }))).toThrow(MigrationError);
    expect(() => readMigrations(migrationDir({ '1_first.sql': 'SELECT 1;' }))).toThrow(/not named NNNN_name\.sql/);
    expect(() => readMigrations(migrationDir({ '0001_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;' }))).toThrow(
      /0001_b\.sql has the number of the file before it/,
    );
    expect(() => readMigrations(migrationDir({ '0000_a.sql': 'SELECT 1;' }))).toThrow(/numbers start at 0001/);
    expect(readMigrations(migrationDir({ '0001_a.sql': 'SELECT 1;', '0003_c.sql': 'SELECT 1;' })).map((m) => m.version)).toEqual([1, 3]);
  });
});

describe('migrate', { timeout: 60_000 }, () => {
  it('applies the files in order, once; a re-run applies nothing and a new file is applied alone', async () => {
    const { db } = await freshDatabase();
    const dir = migrationDir({
      '0001_create.sql': 'CREATE TABLE thing (id int PRIMARY KEY, label text NOT NULL);',
      // Depends on 0001: fails unless applied after it.
      '0002_seed.sql': "INSERT INTO thing VALUES (1, 'one'), (2, 'two');\nALTER TABLE thing ADD COLUMN note text;",
    });
    expect(await migrate(db, readMigrations(dir))).toEqual(['0001_create.sql', '0002_seed.sql']);
    expect(await appliedRows(db)).toEqual([
      { version: 1, name: '0001_create.sql' },
      { version: 2, name: '0002_seed.sql' },
    ]);
    expect((await db.query('SELECT count(*)::int AS n FROM thing')).rows[0]).toEqual({ n: 2 });

    expect(await migrate(db, readMigrations(dir))).toEqual([]);
    expect((await db.query('SELECT count(*)::int AS n FROM thing')).rows[0]).toEqual({ n: 2 });

    withFile(dir, '0003_more.sql', "INSERT INTO thing VALUES (3, 'three');");
    expect(await migrate(db, readMigrations(dir))).toEqual(['0003_more.sql']);
    expect((await db.query('SELECT count(*)::int AS n FROM thing')).rows[0]).toEqual({ n: 3 });
    expect((await appliedRows(db)).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('refuses a migration that was edited after it was applied, and applies nothing', async () => {
    const { db } = await freshDatabase();
    const dir = migrationDir({ '0001_create.sql': 'CREATE TABLE thing (id int);' });
    await migrate(db, readMigrations(dir));

    withFile(dir, '0001_create.sql', 'CREATE TABLE thing (id bigint);');
    withFile(dir, '0002_next.sql', 'CREATE TABLE next_thing (id int);');
    const error = await migrate(db, readMigrations(dir)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('0001_create.sql was changed after it was applied');
    expect(await tableExists(db, 'next_thing')).toBe(false);
    expect((await appliedRows(db)).map((r) => r.version)).toEqual([1]);
  });

  it('refuses a database that has a migration this version does not know', async () => {
    const { db } = await freshDatabase();
    const dir = migrationDir({ '0001_a.sql': 'CREATE TABLE a (id int);', '0002_b.sql': 'CREATE TABLE b (id int);' });
    await migrate(db, readMigrations(dir));
    const older = migrationDir({ '0001_a.sql': 'CREATE TABLE a (id int);' });
    await expect(migrate(db, readMigrations(older))).rejects.toThrow(/0002_b\.sql, which this version of dealclock does not know/);
  });

  it('rolls a failing migration back whole: no table, no bookkeeping row; fixed, it applies', async () => {
    const { db } = await freshDatabase();
    const dir = migrationDir({
      '0001_ok.sql': 'CREATE TABLE ok (id int);',
      '0002_bad.sql': 'CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nINSERT INTO no_such_table VALUES (1);',
      '0003_later.sql': 'CREATE TABLE later (id int);',
    });
    const error = await migrate(db, readMigrations(dir)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/migration 0002_bad\.sql failed: .*no_such_table/);
    expect(await tableExists(db, 'ok')).toBe(true);
    expect(await tableExists(db, 'half')).toBe(false);
    expect(await tableExists(db, 'later')).toBe(false);
    expect((await appliedRows(db)).map((r) => r.version)).toEqual([1]);

    // The connection is usable again (the transaction and the advisory lock were released).
    withFile(dir, '0002_bad.sql', 'CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);');
    expect(await migrate(db, readMigrations(dir))).toEqual(['0002_bad.sql', '0003_later.sql']);
    expect((await db.query('SELECT count(*)::int AS n FROM half')).rows[0]).toEqual({ n: 1 });
  });

  it.skipIf(!serverUrl)('applies each file once when two processes migrate at the same time', async () => {
    const { url } = await freshDatabase();
    const dir = migrationDir({
      '0001_create.sql': 'CREATE TABLE counter (n int NOT NULL);',
      '0002_slow.sql': 'SELECT pg_sleep(0.3);\nINSERT INTO counter VALUES (2);',
      '0003_slow.sql': 'SELECT pg_sleep(0.3);\nINSERT INTO counter VALUES (3);',
    });
    const migrations = readMigrations(dir);
    const a = await openDatabase({ databaseUrl: url, dataDir: '' });
    const b = await openDatabase({ databaseUrl: url, dataDir: '' });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const [fromA, fromB] = await Promise.all([migrate(a, migrations), migrate(b, migrations)]);
    expect([...fromA, ...fromB].sort()).toEqual(['0001_create.sql', '0002_slow.sql', '0003_slow.sql']);
    expect((await a.query('SELECT n FROM counter ORDER BY n')).rows).toEqual([{ n: 2 }, { n: 3 }]);
    expect((await appliedRows(a)).map((r) => r.version)).toEqual([1, 2, 3]);
    // And the real migrations, the way replicas starting together run them.
    const { url: url2 } = await freshDatabase();
    const dbs = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url2, dataDir: '' })));
    cleanups.push(...dbs.map((d) => () => d.close()));
    const results = await Promise.all(dbs.map((d) => migrate(d)));
    expect(results.flat()).toEqual(readMigrations().map((m) => m.name));
  });

  it('applies the real migrations cleanly and seeds the JP and KR deals', async () => {
    const { db } = await freshDatabase();
    const applied = await migrate(db);
    expect(applied).toEqual(readMigrations().map((m) => m.name));
    expect(applied[0]).toBe('0001_core.sql');
    expect(await migrate(db)).toEqual([]);

    const { rows } = await db.query<{
      code: string;
      clock_calendar: string;
      compare_calendars: string[];
      clock_days: number;
      signed_on: string;
      commitment_usd: number;
    }>('SELECT code, clock_calendar, compare_calendars, clock_days, signed_on, commitment_usd FROM deal ORDER BY code');
    expect(rows).toEqual([
      {
        code: 'JP',
        clock_calendar: 'US-FRB+JP-BANK',
        compare_calendars: ['US-FRB', 'JP-BANK'],
        clock_days: 45,
        signed_on: '2025-09-04',
        commitment_usd: 550_000_000_000,
      },
      {
        code: 'KR',
        clock_calendar: 'US-FRB+KR-BANK',
        compare_calendars: ['US-FRB', 'KR-BANK'],
        clock_days: 45,
        signed_on: '2025-11-14',
        commitment_usd: 350_000_000_000,
      },
    ]);
    for (const table of ['workspace', 'project', 'calendar_override', 'audit_event']) expect(await tableExists(db, table)).toBe(true);
  });
});

describe('0006_project_numbers', { timeout: 60_000 }, () => {
  it("starts each existing workspace's counter at its highest number; the next add continues from there", async () => {
    const { db } = await freshDatabase();
    const all = readMigrations();
    expect(all[5]!.name).toBe('0006_project_numbers.sql');
    await migrate(db, all.slice(0, 5));
    await db.query("INSERT INTO workspace (id) VALUES ('TGAPS'), ('TNONE')");
    await db.query(`INSERT INTO project (workspace_id, number, slug, name, deal_code) VALUES
      ('TGAPS', 1, 'a', 'A', 'JP'), ('TGAPS', 2, 'b', 'B', 'JP'), ('TGAPS', 9, 'c', 'C', 'KR')`);
    expect(await migrate(db)).toEqual(all.slice(5).map((m) => m.name));

    const { rows } = await db.query<{ workspace_id: string; last_number: number }>(
      'SELECT workspace_id, last_number FROM project_number_counter ORDER BY workspace_id',
    );
    expect(rows).toEqual([{ workspace_id: 'TGAPS', last_number: 9 }]);
    for (const ws of ['TGAPS', 'TNONE']) {
      const reply = await executeCommand('add "Next One"', testContext(db, { workspaceId: ws }));
      expect(renderText(reply)).toMatch(ws === 'TGAPS' ? /#10\b/ : /#1\b/);
    }
  });
});

describe('type parsing', { timeout: 60_000 }, () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('returns dates as YYYY-MM-DD strings whatever the process time zone, and bigint as a number', async () => {
    const { db } = await freshDatabase();
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Tokyo', 'UTC']) {
      process.env.TZ = tz;
      const { rows } = await db.query("SELECT '2026-07-03'::date AS d, '2026-01-01'::date AS newyear, NULL::date AS none, 550000000000::bigint AS big");
      expect(rows[0]).toEqual({ d: '2026-07-03', newyear: '2026-01-01', none: null, big: 550_000_000_000 });
      const tx = await db.transaction((q) => q.query("SELECT '2026-12-31'::date AS d"));
      expect(tx.rows[0]).toEqual({ d: '2026-12-31' });
    }
  });
});
