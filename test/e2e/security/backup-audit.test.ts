/**
 * Backups of the embedded database (`dealclock backup` / `restore`) and the audit export
 * (`dealclock export-audit`), on real data folders in a temporary directory.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import { createContext } from '../../../src/usecases/context.ts';
import { AUDIT_COLUMNS, exportAudit } from '../../../src/csv/audit-csv.ts';
import { backupEmbedded, restoreEmbedded } from '../../../src/db/backup.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { UserError } from '../../../src/core/errors.ts';
import { silentLogger } from '../../../src/log.ts';
import { newWorkspaceId, openTestDatabase, testContext } from '../../helpers/db.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealclock-backup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function folder(name: string): Promise<{ dir: string; db: Database }> {
  const dir = join(tmp, name);
  const db = await openDatabase({ dataDir: dir });
  await migrate(db);
  return { dir, db };
}

const ctxOf = (db: Database) =>
  createContext({
    db,
    workspaceId: 'TBACKUP',
    actor: { userId: 'ops', source: 'cli', isAdmin: true },
    today: '2026-03-02',
    commandName: '/invest',
    logger: silentLogger,
  });

async function projects(db: Database) {
  return (await db.query('SELECT slug, name, stage, notice_on, due_on, cost_usd FROM project ORDER BY slug')).rows;
}

async function failure(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('accepted');
}

describe('backup and restore', () => {
  it('backup, then restore into an empty folder, gives the same projects', async () => {
    const src = await folder('src');
    for (const text of ['add "Texas GulfLink" deal=JP cost=2.1B', 'select texas-gulflink notice=2026-02-17', 'add "Ohio Fab" deal=KR cost=600M']) {
      expect((await executeCommand(text, ctxOf(src.db))).isError).toBeFalsy();
    }
    const expected = await projects(src.db);
    const file = join(tmp, 'one.tar.gz');
    expect(await backupEmbedded(src.db, file)).toBeGreaterThan(0);
    // A backup never overwrites a file.
    expect((await failure(backupEmbedded(src.db, file))).code).toBe('file_error');
    await src.db.close();

    const target = join(tmp, 'restored');
    await restoreEmbedded({ dataDir: target, file, force: false });
    const restored = await openDatabase({ dataDir: target });
    try {
      expect(await projects(restored)).toEqual(expected);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('over data without --force: refused, nothing changed; with --force the old folder is kept', async () => {
    const other = await folder('other');
    await executeCommand('add "Other Project" deal=JP', ctxOf(other.db));
    const before = await projects(other.db);
    await other.db.close();
    const file = join(tmp, 'one.tar.gz');

    const refused = await failure(restoreEmbedded({ dataDir: other.dir, file, force: false }));
    expect(refused.code).toBe('restore_refused');
    expect(refused.userMessage()).toContain('--force');
    let db = await openDatabase({ dataDir: other.dir });
    expect(await projects(db)).toEqual(before);
    await db.close();

    await restoreEmbedded({ dataDir: other.dir, file, force: true });
    const kept = readdirSync(other.dir).filter((n) => n.startsWith('pgdata.before-restore-'));
    expect(kept).toHaveLength(1);
    db = await openDatabase({ dataDir: other.dir });
    expect((await projects(db)).map((p) => p.slug)).toEqual(['ohio-fab', 'texas-gulflink']);
    await db.close();
    // The kept folder still opens with the old data.
    const { PGlite } = await import('@electric-sql/pglite');
    const old = await PGlite.create(join(other.dir, kept[0]!));
    expect((await old.query<{ slug: string }>('SELECT slug FROM project')).rows.map((r) => r.slug)).toEqual(['other-project']);
    await old.close();
  }, 120_000);

  it('a file that is not a backup is refused and nothing is touched', async () => {
    const dir = join(tmp, 'untouched');
    for (const [name, content] of [
      ['notes.txt', 'hello'],
      ['fake.tar.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4])],
    ] as const) {
      const file = join(tmp, name);
      writeFileSync(file, content);
      expect((await failure(restoreEmbedded({ dataDir: dir, file, force: true }))).code).toBe('backup_invalid');
      expect(existsSync(join(dir, 'pgdata'))).toBe(false);
    }
    expect((await failure(restoreEmbedded({ dataDir: dir, file: join(tmp, 'missing.tar.gz'), force: false }))).code).toBe('file_error');
  }, 120_000);

  it('backup with DATABASE_URL (a server) is refused clearly', async () => {
    const server = { engine: 'postgres' } as unknown as Database;
    const err = await failure(backupEmbedded(server, join(tmp, 'server.tar.gz')));
    expect(err.userMessage()).toBe("`backup` works on the embedded database only. With DATABASE_URL, use your server's tools (pg_dump / pg_restore).");
  }, 120_000);
});

describe('export-audit', () => {
  it('writes every event of the workspace as CSV, refusals and non-project events included, and no other workspace', async () => {
    const db = await openTestDatabase();
    try {
      const ws = newWorkspaceId();
      const admin = testContext(db, { workspaceId: ws, source: 'slack', userId: 'U1', channelId: 'C0DEALS' });
      const other = testContext(db, { workspaceId: ws, source: 'slack', userId: 'U2', channelId: 'C0DEALS', isAdmin: false });
      await executeCommand('add "Texas GulfLink, Phase 2" deal=JP cost=2.1B slug=texas', admin);
      await executeCommand('calendar close US-FRB 2026-12-24 reason="Executive order, closure"', admin);
      await executeCommand('add "Sneaky"', other);
      await executeCommand('add "Elsewhere"', testContext(db, { workspaceId: newWorkspaceId() }));
      const file = join(tmp, 'audit.csv');
      const count = await exportAudit(admin, file);
      const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
      expect(count).toBe(3);
      expect(Object.keys(rows[0]!)).toEqual([...AUDIT_COLUMNS]);
      expect(rows.map((r) => [r.actor, r.action, r.workspace])).toEqual([
        ['U1', 'project.add', ws],
        ['U1', 'calendar.override', ws],
        ['U2', 'permission.refused', ws],
      ]);
      expect(JSON.parse(rows[0]!.after!).name).toBe('Texas GulfLink, Phase 2');
      expect(JSON.parse(rows[2]!.after!)).toEqual({ subcommand: 'add', text: 'add "Sneaky"' });
      expect(rows[2]!.channel_id).toBe('C0DEALS');
      // The export refuses to overwrite a file.
      await expect(exportAudit(admin, file)).rejects.toThrow();
    } finally {
      await db.close();
    }
  }, 120_000);
});
