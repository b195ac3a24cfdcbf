/**
 * Project numbers (#1, #2 … per workspace) under concurrency: adds sent at once through two
 * replicas — two separate pools on one Postgres server, each the database of its own
 * runtime — or, on PGlite, concurrent commands in one process. Every add succeeds with a
 * number of its own; two adds of one name get one project and a clear user error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import { importProjectsCsv } from '../../../src/csv/projects-csv.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { engineName, newWorkspaceId, openTestDatabase, serverUrl, testContext } from '../../helpers/db.ts';

let primary: Database;
/** The second replica: its own pool on the same server; on PGlite, the same database. */
let replica: Database;
beforeAll(async () => {
  primary = await openTestDatabase();
  replica = serverUrl ? await openDatabase({ databaseUrl: serverUrl, dataDir: '' }) : primary;
});
afterAll(async () => {
  if (replica !== primary) await replica?.close();
  await primary?.close();
});

async function add(db: Database, ws: string, text: string): Promise<{ ok: boolean; text: string }> {
  const reply = await executeCommand(text, testContext(db, { workspaceId: ws, source: 'shell' }));
  return { ok: !reply.isError, text: renderText(reply) };
}

async function numbers(ws: string): Promise<number[]> {
  const { rows } = await primary.query<{ number: number }>('SELECT number FROM project WHERE workspace_id = $1 ORDER BY number', [ws]);
  return rows.map((r) => r.number);
}

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe(`concurrent adds (${engineName}${serverUrl ? ', two pools' : ''})`, () => {
  it('90 adds sent at once through two replicas: 90 projects numbered 1–90, no error', async () => {
    const ws = newWorkspaceId();
    const replies = await Promise.all(oneTo(90).map((i) => add(i % 2 ? primary : replica, ws, `add "Plant ${i}" deal=JP cost=1B`)));
    const failed = replies.filter((r) => !r.ok);
    expect(failed.map((r) => r.text)).toEqual([]);
    expect(await numbers(ws)).toEqual(oneTo(90));
    const { rows } = await primary.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE workspace_id = $1 AND action = 'project.add'", [ws]);
    expect(rows[0]!.n).toBe(90);
  }, 120_000);

  it('workspaces number independently, also when adds to both interleave', async () => {
    const [a, b] = [newWorkspaceId(), newWorkspaceId()];
    const replies = await Promise.all(oneTo(40).map((i) => add(i % 2 ? primary : replica, i % 4 < 2 ? a : b, `add "Site ${i}"`)));
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    expect(await numbers(a)).toEqual(oneTo(20));
    expect(await numbers(b)).toEqual(oneTo(20));
  }, 120_000);

  it('adds of one name at once: one project, and every other add gets the duplicate-name error', async () => {
    const ws = newWorkspaceId();
    const replies = await Promise.all(oneTo(12).map((i) => add(i % 2 ? primary : replica, ws, 'add "Twin Port" deal=KR')));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    for (const r of replies.filter((x) => !x.ok)) {
      expect(r.text).toContain('A project with the slug twin-port already exists');
      expect(r.text).not.toContain('went wrong');
    }
    expect(await numbers(ws)).toEqual([1]);
    // The refused adds took no number: the next project is #2.
    expect((await add(primary, ws, 'add "Third Bridge"')).ok).toBe(true);
    expect(await numbers(ws)).toEqual([1, 2]);
  }, 120_000);

  it('renames of two projects to one slug at once: one is renamed, the other gets the duplicate-name error', async () => {
    const ws = newWorkspaceId();
    for (const name of ['North Yard', 'South Yard']) expect((await add(primary, ws, `add "${name}"`)).ok).toBe(true);
    const replies = await Promise.all([add(primary, ws, 'edit north-yard slug=shared-yard'), add(replica, ws, 'edit south-yard slug=shared-yard')]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.find((r) => !r.ok)!.text).toContain('A project with the slug shared-yard already exists');
  });

  it('an import running alongside adds: every project gets a number of its own, the import’s in file order', async () => {
    const ws = newWorkspaceId();
    const csv = ['name,deal', ...oneTo(30).map((i) => `Imported ${i},KR`)].join('\n');
    const [imported, ...replies] = await Promise.all([
      importProjectsCsv(testContext(replica, { workspaceId: ws }), csv, 'batch.csv'),
      ...oneTo(20).map((i) => add(i % 2 ? primary : replica, ws, `add "Added ${i}"`)),
    ]);
    expect(imported).toBe(30);
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    expect(await numbers(ws)).toEqual(oneTo(50));
    const { rows } = await primary.query<{ slug: string; number: number }>(
      "SELECT slug, number FROM project WHERE workspace_id = $1 AND slug LIKE 'imported-%' ORDER BY number",
      [ws],
    );
    const first = rows[0]!.number;
    expect(rows.map((r) => r.slug)).toEqual(oneTo(30).map((i) => `imported-${i}`));
    expect(rows.map((r) => r.number)).toEqual(oneTo(30).map((i) => first + i - 1));
  }, 120_000);

  it('a number written outside dealclock (SQL by hand) is never handed out again', async () => {
    const ws = newWorkspaceId();
    expect((await add(primary, ws, 'add "First Mill"')).ok).toBe(true);
    await primary.query("INSERT INTO project (workspace_id, number, slug, name, deal_code) VALUES ($1, 7, 'by-hand', 'By Hand', 'JP')", [ws]);
    expect((await add(replica, ws, 'add "After Hand"')).text).toContain('#8');
    expect(await numbers(ws)).toEqual([1, 7, 8]);
  });
});
