/**
 * The embedded database runs in a worker thread and `pg` reaches it over the wire
 * protocol. These tests pin what that must preserve: results and error codes as from a
 * server, one session shared in order, a main thread that keeps running while a query
 * does, a thread whose memory stays flat however many rows pass through it, and failures
 * that surface as errors instead of hangs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, openMemoryDatabase, type Database } from '../../../src/db/database.ts';
import { prestartEmbeddedDatabase } from '../../../src/db/pglite-spawn.ts';
import { PGliteThread } from '../../../src/db/pglite-thread.ts';

describe('PGlite in a worker thread', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMemoryDatabase();
    await db.query('CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL)');
  });
  afterAll(() => db.close());

  it('returns typed rows and server error codes, and keeps working after an error', async () => {
    const { rows } = await db.query<{ n: number; d: string; t: string }>("SELECT $1::int + 1 AS n, DATE '2026-04-21' AS d, $2::text AS t", [41, 'ä ✓']);
    expect(rows).toEqual([{ n: 42, d: '2026-04-21', t: 'ä ✓' }]);
    await db.query('INSERT INTO item VALUES (1, $1)', ['one']);
    await expect(db.query('INSERT INTO item VALUES (1, $1)', ['again'])).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    expect((await db.query('SELECT label FROM item WHERE id = 1')).rows).toEqual([{ label: 'one' }]);
  });

  it('rolls a failed transaction back whole and commits a good one', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO item VALUES (2, $1)', ['two']);
        await tx.query('INSERT INTO item VALUES (2, $1)', ['dup']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('SELECT count(*)::int AS n FROM item WHERE id = 2')).rows[0]).toEqual({ n: 0 });
    await db.transaction((tx) => tx.query('INSERT INTO item VALUES (3, $1)', ['three']));
    expect((await db.query('SELECT label FROM item WHERE id = 3')).rows).toEqual([{ label: 'three' }]);
  });

  it('answers many concurrent queries, each with its own result', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => db.query<{ v: number }>('SELECT $1::int * 2 AS v', [i])));
    expect(results.map((r) => r.rows[0]!.v)).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
  });

  it('leaves the main thread free while a query runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    try {
      // Long enough to span many timer periods; on the main thread no timer could fire.
      await db.query('SELECT count(*) FROM generate_series(1, 3000000) AS g WHERE g % 7 = 3');
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it('dumps the database as a gzipped tarball that opens again', async () => {
    const dump = await db.dumpDataDir!();
    const bytes = new Uint8Array(await dump.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const copy = await openMemoryDatabase(dump);
    try {
      expect((await copy.query('SELECT label FROM item ORDER BY id')).rows).toEqual([{ label: 'one' }, { label: 'three' }]);
    } finally {
      await copy.close();
    }
  });
});

describe('the worker thread’s memory', () => {
  it('keeps nothing of the rows it has returned', async () => {
    const db = await openMemoryDatabase();
    try {
      // 400 rows of 100 characters per query, as a long `status` or `list` returns.
      const big = () => db.query("SELECT g, repeat('x', 100) AS label FROM generate_series(1, 400) AS g");
      for (let i = 0; i < 50; i++) await big(); // warm-up: JIT, plan cache, buffers
      const before = await db.workerMemory!();
      for (let i = 0; i < 600; i++) expect((await big()).rows).toHaveLength(400);
      const after = await db.workerMemory!();
      // 240,000 rows have passed. Were each kept as a parsed message (PGlite's raw
      // exec did), the heap would have grown by over 40 MB; noise after a full collection
      // is well under a megabyte.
      expect(after.heapUsed - before.heapUsed).toBeLessThan(8 * 1024 * 1024);
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('a worker thread that dies', () => {
  it('fails the queries in flight and every later one, instead of hanging', async () => {
    const thread = await PGliteThread.start({});
    const pool = new pg.Pool(thread.poolOptions());
    pool.on('error', () => {});
    try {
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      const inFlight = pool.query('SELECT count(*) FROM generate_series(1, 20000000)');
      await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await expect(inFlight).rejects.toThrow(/embedded database/);
      await expect(pool.query('SELECT 1')).rejects.toThrow(/embedded database/);
    } finally {
      await pool.end().catch(() => {});
      await thread.close();
    }
  });

  it('reports its death once, with the error every query gets, and frees the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealclock-thread-death-'));
    // The thread the database will take: terminating it is a death from outside, as the
    // heap running out would be.
    const worker = prestartEmbeddedDatabase();
    const db = await openDatabase({ dataDir: dir });
    try {
      const deaths: Error[] = [];
      db.onLost!((err) => deaths.push(err));
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(existsSync(join(dir, 'dealclock.lock'))).toBe(true);
      const inFlight = db.query('SELECT count(*) FROM generate_series(1, 20000000)');
      await worker.terminate();
      await expect(inFlight).rejects.toThrow(/embedded database: the database thread exited/);
      expect(deaths).toHaveLength(1);
      expect(deaths[0]!.message).toMatch(/embedded database: the database thread exited \(code 1\)/);
      await expect(db.query('SELECT 1')).rejects.toThrow(/embedded database/);
      // A fresh process (here: a second database) can open the folder at once.
      expect(existsSync(join(dir, 'dealclock.lock'))).toBe(false);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an uncaught error inside the thread as its death', async () => {
    const worker = prestartEmbeddedDatabase();
    const db = await openMemoryDatabase();
    try {
      const deaths: Error[] = [];
      db.onLost!((err) => deaths.push(err));
      // Not a request the thread can read: its message handler throws, uncaught.
      worker.postMessage(null);
      await expect.poll(() => deaths.length).toBe(1);
      expect(deaths[0]!.message).toMatch(/^embedded database: the database thread failed: .*null/);
      await expect(db.query('SELECT 1')).rejects.toThrow(deaths[0]!.message);
    } finally {
      await db.close();
    }
  });

  it('is no death when closed', async () => {
    const db = await openMemoryDatabase();
    const deaths: Error[] = [];
    db.onLost!((err) => deaths.push(err));
    await db.query('SELECT 1');
    await db.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(deaths).toEqual([]);
  });
});
