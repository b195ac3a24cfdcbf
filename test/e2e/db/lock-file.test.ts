import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireLockFile, type LockFile } from '../../../src/db/lock-file.ts';
import { UserError } from '../../../src/core/errors.ts';

const BIN = fileURLToPath(new URL('../../../bin/dealclock.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'dealclock-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirCount = 0;
function newDir(): string {
  const dir = join(root, `d${++dirCount}`);
  mkdirSync(dir);
  return dir;
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid!;
  await new Promise((resolve) => child.once('exit', resolve));
  return pid;
}

const held: LockFile[] = [];
afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
});
function acquire(dir: string): LockFile {
  const lock = acquireLockFile(dir);
  held.push(lock);
  return lock;
}

function owner(dir: string): { pid: number; host: string; since: string } {
  return JSON.parse(readFileSync(join(dir, 'dealclock.lock'), 'utf8'));
}

describe('acquireLockFile', () => {
  it('creates dealclock.lock holding our pid, host and start time', () => {
    const dir = newDir();
    const lock = acquire(dir);
    expect(lock.path).toBe(join(dir, 'dealclock.lock'));
    const o = owner(dir);
    expect(o.pid).toBe(process.pid);
    expect(o.host).toBe(hostname());
    expect(Number.isNaN(Date.parse(o.since))).toBe(false);
  });

  it('refuses a second acquire in the same process, naming the pid', () => {
    const dir = newDir();
    acquire(dir);
    let error: unknown;
    try {
      acquire(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('database_locked');
    expect((error as UserError).details.pid).toBe(process.pid);
    expect((error as UserError).userMessage()).toContain(`pid ${process.pid}`);
    expect((error as UserError).userMessage()).toContain('in use by another dealclock process');
    // The refusal leaves the existing lock alone.
    expect(owner(dir).pid).toBe(process.pid);
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = newDir();
    const pid = await deadPid();
    writeFileSync(join(dir, 'dealclock.lock'), JSON.stringify({ pid, host: hostname(), since: '2026-01-05T09:00:00.000Z' }));
    acquire(dir);
    expect(owner(dir).pid).toBe(process.pid);
  });

  it('takes over a lock file with garbage in it (a crash mid-write)', () => {
    for (const garbage of ['', '{"pid":', 'not json at all', '{"pid":"123"}', 'null']) {
      const dir = newDir();
      writeFileSync(join(dir, 'dealclock.lock'), garbage);
      const lock = acquire(dir);
      expect(owner(dir).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('treats a lock written on another host as live', async () => {
    const dir = newDir();
    const pid = await deadPid();
    writeFileSync(join(dir, 'dealclock.lock'), JSON.stringify({ pid, host: `not-${hostname()}`, since: '2026-01-05T09:00:00.000Z' }));
    expect(() => acquire(dir)).toThrow(expect.objectContaining({ code: 'database_locked' }));
    expect(owner(dir).pid).toBe(pid);
  });

  it('release removes the file, once; the folder can then be locked again', () => {
    const dir = newDir();
    const lock = acquire(dir);
    lock.release();
    expect(existsSync(join(dir, 'dealclock.lock'))).toBe(false);
    lock.release();
    const again = acquire(dir);
    expect(existsSync(join(dir, 'dealclock.lock'))).toBe(true);
    // The first handle's second release must not remove the new lock.
    lock.release();
    expect(existsSync(again.path)).toBe(true);
  });

  it('release after someone else took the lock over leaves their lock in place', () => {
    const dir = newDir();
    const lock = acquire(dir);
    const theirs = JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-01-05T09:00:00.000Z' });
    writeFileSync(lock.path, theirs);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(theirs);
  });
});

// --------------------------------------------------------------------------- two processes

function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('DEALCLOCK_') && k !== 'DATABASE_URL' && k !== 'LOG_LEVEL') env[k] = v;
  }
  return { ...env, DEALCLOCK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
}

function runCli(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dataDir, env: cliEnv(dataDir), timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

interface Shell {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

const shells: Shell[] = [];
afterEach(async () => {
  // A test that failed half-way must not leave its shell holding the folder.
  for (const s of shells.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await s.exited;
  }
});

/**
 * Starts `dealclock shell` on `dataDir` with stdin kept open, and resolves once it has
 * answered a `list`: by then it holds the lock and the database is open and migrated.
 */
async function startShell(dataDir: string): Promise<Shell> {
  const child = spawn(process.execPath, [BIN, 'shell'], { cwd: dataDir, env: cliEnv(dataDir), stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const shell: Shell = { child, output: () => out, exited };
  shells.push(shell);
  child.stdin.write('list\n');
  // Starting takes a few seconds, much longer on a busy machine.
  const deadline = Date.now() + 150_000;
  while (!/Projects/.test(out)) {
    if (child.exitCode !== null) throw new Error(`the shell exited early (${child.exitCode}): ${err}`);
    if (Date.now() > deadline) throw new Error(`the shell did not answer: ${out}${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(existsSync(join(dataDir, 'dealclock.lock'))).toBe(true);
  expect(existsSync(join(dataDir, 'pgdata'))).toBe(true);
  return shell;
}

describe('two dealclock processes on one data folder', () => {
  const dataDir = mkdtempSync(join(root, 'shared-'));

  it('refuses the second while the first runs, and the first releases the lock on exit', async () => {
    const first = await startShell(dataDir);
    expect(owner(dataDir).pid).toBe(first.child.pid);

    const second = await runCli(dataDir, ['run', 'list']);
    expect(second.code, second.stderr).toBe(2);
    expect(second.stderr).toContain('in use by another dealclock process');
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(second.stdout).toBe('');
    // The refused process did not touch the lock.
    expect(owner(dataDir).pid).toBe(first.child.pid);

    first.child.stdin.end();
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'dealclock.lock'))).toBe(false);
  }, 300_000);

  it('takes over the lock of a process killed with SIGKILL, and the data is still readable', async () => {
    const first = await startShell(dataDir);
    first.child.stdin.write('add "Kill Test" deal=KR cost=600M\n');
    const deadline = Date.now() + 120_000;
    while (!/Added kill-test/.test(first.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(first.output()).toContain('Added kill-test');

    first.child.kill('SIGKILL');
    await first.exited;
    expect(owner(dataDir).pid).toBe(first.child.pid);

    const next = await runCli(dataDir, ['run', 'list']);
    expect(next.stderr).not.toContain('in use by another dealclock process');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('kill-test');
    expect(existsSync(join(dataDir, 'dealclock.lock'))).toBe(false);
  }, 300_000);
});
