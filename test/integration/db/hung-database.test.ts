/**
 * A database server that stops answering (frozen, not down): every query must fail within
 * the configured timeouts instead of hanging, and /healthz must answer 503 within a
 * second, whatever the pool is stuck on. A port that accepts and never answers needs no
 * server; freezing a live server in the middle of its life uses a loopback proxy in front
 * of the test server (TEST_DATABASE_URL).
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, serverPoolConfig, type Database } from '../../../src/db/database.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { serverUrl } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { slackConfig, testRuntime } from '../../helpers/slack.ts';
import { freePort, silentServer, TcpProxy, targetOf, viaProxy } from '../../helpers/tcp-proxy.ts';

const TIMEOUTS = { connectMs: 500, statementMs: 1_000 };

let fake: FakeSlack;
beforeAll(async () => {
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await fake?.stop();
});

/** Milliseconds `work` took to settle, and whether it rejected. */
async function timed(work: Promise<unknown>): Promise<{ ms: number; rejected: boolean }> {
  const started = Date.now();
  const rejected = await work.then(
    () => false,
    () => true,
  );
  return { ms: Date.now() - started, rejected };
}

async function healthz(slack: SlackApp): Promise<{ status: number; ms: number; body: unknown }> {
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${(slack.server!.address() as AddressInfo).port}/healthz`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, ms: Date.now() - started, body: await res.json() };
}

/** A Database on a pool configured as for a server, without the open-time check. */
function poolDatabase(pool: pg.Pool): Database {
  return {
    engine: 'postgres',
    pool,
    query: (text, values) => pool.query(text, values),
    transaction: () => Promise.reject(new Error('not used')),
    close: () => pool.end(),
  };
}

describe('a server that accepts connections and never answers', () => {
  it('opening fails within the connect timeout instead of hanging', async () => {
    const silent = await silentServer();
    try {
      const r = await timed(openDatabase({ databaseUrl: `postgres://dealclock:pw@127.0.0.1:${silent.port}/dealclock`, dataDir: '', timeouts: TIMEOUTS }));
      expect(r.rejected).toBe(true);
      expect(r.ms).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  it('/healthz answers 503 within a second, every time', async () => {
    const silent = await silentServer();
    const pool = new pg.Pool(serverPoolConfig(`postgres://dealclock:pw@127.0.0.1:${silent.port}/dealclock`, { connectMs: 5_000, statementMs: 30_000 }));
    pool.on('error', () => {});
    const slack = createSlackApp(testRuntime(poolDatabase(pool), slackConfig(fake)), { clientOptions: { retryConfig: { retries: 0 } } });
    await slack.start();
    try {
      for (let i = 0; i < 4; i++) {
        const h = await healthz(slack);
        expect(h.status).toBe(503);
        expect(h.body).toEqual({ ok: false, database: 'down' });
        expect(h.ms).toBeLessThan(1_000);
      }
    } finally {
      await slack.stop();
      await pool.end().catch(() => {});
      await silent.close();
    }
  });
});

describe.skipIf(!serverUrl)('a live server that freezes (proxy in front of TEST_DATABASE_URL)', () => {
  let proxy: TcpProxy;
  let db: Database;
  let slack: SlackApp;
  beforeAll(async () => {
    proxy = new TcpProxy(await freePort(), targetOf(serverUrl!));
    await proxy.open();
    db = await openDatabase({ databaseUrl: viaProxy(serverUrl!, proxy.port), dataDir: '', timeouts: TIMEOUTS, maxConnections: 3 });
    slack = createSlackApp(testRuntime(db, slackConfig(fake)), { clientOptions: { retryConfig: { retries: 0 } } });
    await slack.start();
  });
  afterAll(async () => {
    await slack?.stop();
    await proxy?.close();
    await db?.close().catch(() => {});
  });

  it('answers normally before the freeze', async () => {
    expect((await healthz(slack)).status).toBe(200);
    expect((await db.query<{ n: number }>('select 1 AS n')).rows).toEqual([{ n: 1 }]);
  });

  it('frozen: every query fails within the statement timeout (plus the client margin), transactions too, and /healthz answers 503 within a second', async () => {
    proxy.freeze();
    // Enough queries to hold every pooled connection, and more waiting for one.
    const queries = Array.from({ length: 5 }, () => timed(db.query('select 1')));
    const inTransaction = timed(db.transaction((tx) => tx.query('select 1')));
    for (let i = 0; i < 3; i++) {
      const h = await healthz(slack);
      expect(h.status).toBe(503);
      expect(h.ms).toBeLessThan(1_000);
    }
    for (const r of [...(await Promise.all(queries)), await inTransaction]) {
      expect(r.rejected).toBe(true);
      // statement 1 s + 2 s client margin; a caller queued for a connection: the 0.5 s connect timeout.
      expect(r.ms).toBeLessThan(5_000);
    }
  }, 20_000);

  it('thawed: the pool recovers by itself (the stuck connections were discarded)', async () => {
    proxy.thaw();
    await expect.poll(async () => (await healthz(slack)).status, { timeout: 10_000, interval: 250 }).toBe(200);
    expect((await db.transaction((tx) => tx.query<{ n: number }>('select 2 AS n'))).rows).toEqual([{ n: 2 }]);
  }, 20_000);
});
