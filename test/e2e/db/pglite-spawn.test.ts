/**
 * The embedded database's thread can start before the configuration is read (main.ts):
 * the next database opened takes it, a thread nobody takes can be stopped, and a
 * prestarted thread never keeps a process alive.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../src/db/database.ts';
import { discardPrestartedWorker, prestartEmbeddedDatabase, takeWorker } from '../../../src/db/pglite-spawn.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('prestarting the embedded database thread', () => {
  it('hands the prestarted thread to the next taker once, then spawns new ones', async () => {
    const prestarted = prestartEmbeddedDatabase();
    expect(prestartEmbeddedDatabase()).toBe(prestarted);
    const taken = takeWorker();
    expect(taken).toBe(prestarted);
    const next = takeWorker();
    expect(next).not.toBe(prestarted);
    await Promise.all([taken.terminate(), next.terminate()]);
  });

  it('opens a working database on a prestarted thread', async () => {
    prestartEmbeddedDatabase();
    const db = await openMemoryDatabase();
    try {
      expect((await db.query<{ n: number }>('SELECT 40 + 2 AS n')).rows).toEqual([{ n: 42 }]);
    } finally {
      await db.close();
    }
    // It was taken: the next prestart is a new thread.
    const again = prestartEmbeddedDatabase();
    await discardPrestartedWorker();
    expect(takeWorker()).not.toBe(again);
  });

  it('stops a thread nobody took', async () => {
    const prestarted = prestartEmbeddedDatabase();
    const exited = new Promise<number>((resolve) => prestarted.once('exit', resolve));
    await discardPrestartedWorker();
    await exited;
    const fresh = takeWorker();
    expect(fresh).not.toBe(prestarted);
    await fresh.terminate();
  });

  it('does not keep a process alive', async () => {
    const script = "const m = await import('./src/db/pglite-spawn.ts'); m.prestartEmbeddedDatabase(); console.log('started');";
    // A thread that kept the process alive would make execFile time out (and reject).
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, timeout: 20_000 });
    expect(stdout.trim()).toBe('started');
  });
});
