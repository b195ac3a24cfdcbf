/**
 * The data folder's lock, in its two forms: the kernel lock (flock through `flock` or
 * `perl`, the normal case) and the record-only lock used where neither exists. Holders
 * that must be real other processes are `sleep`s or small node processes; the dealclock
 * CLI itself is exercised in lock-file-processes.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { kernelLock, LOCK_HELPERS } from '../../../src/db/kernel-lock.ts';
import { acquireLockFile, type LockFile, type LockOptions } from '../../../src/db/lock-file.ts';
import { holderState, type LockHolder, readProcStat } from '../../../src/db/lock-holder.ts';
import { UserError } from '../../../src/core/errors.ts';

const root = mkdtempSync(join(tmpdir(), 'dealclock-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const onLinux = existsSync('/proc/self/stat');

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

/** A live process that has nothing to do with dealclock. */
const sleepers: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const s of sleepers) s.kill('SIGKILL');
});
function unrelatedLiveProcess(): number {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  sleepers.push(child);
  return child.pid!;
}

function owner(dir: string): LockHolder {
  return JSON.parse(readFileSync(join(dir, 'dealclock.lock'), 'utf8'));
}

function refusalOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('database_locked');
    return err as UserError;
  }
  throw new Error('expected the lock to be refused');
}

const modes: [string, 'kernel' | 'file', LockOptions][] = [
  ['kernel lock', 'kernel', {}],
  ['record-only lock', 'file', { helpers: [] }],
];

describe.each(modes)('acquireLockFile, %s', (_name, kind, options) => {
  const held: LockFile[] = [];
  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
  });
  function acquire(dir: string): LockFile {
    const lock = acquireLockFile(dir, options);
    held.push(lock);
    return lock;
  }
  function writeRecord(dir: string, record: Partial<LockHolder>): void {
    writeFileSync(join(dir, 'dealclock.lock'), JSON.stringify({ host: hostname(), since: '2026-01-05T09:00:00.000Z', lock: kind, ...record }));
  }

  it('creates dealclock.lock naming this process: pid, host, start, boot and namespace', () => {
    const dir = newDir();
    const lock = acquire(dir);
    expect(lock.kind).toBe(kind);
    expect(lock.path).toBe(join(dir, 'dealclock.lock'));
    const o = owner(dir);
    expect(o.pid).toBe(process.pid);
    expect(o.host).toBe(hostname());
    expect(o.lock).toBe(kind);
    expect(Number.isNaN(Date.parse(o.since))).toBe(false);
    if (onLinux) {
      expect(o.startTicks).toBe(readProcStat(process.pid)!.startTicks);
      expect(o.bootId).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
      expect(o.pidNamespace).toMatch(/^pid:\[\d+\]$/);
    }
  });

  it('refuses a second acquire in the same process, naming the pid', () => {
    const dir = newDir();
    acquire(dir);
    const error = refusalOf(() => acquire(dir));
    expect(error.details.pid).toBe(process.pid);
    expect(error.userMessage()).toContain(`pid ${process.pid}`);
    expect(error.userMessage()).toContain(dir);
    expect(error.userMessage()).toContain('in use by another dealclock process');
    // A live holder: no advice to delete its file.
    expect(error.userMessage()).not.toContain('delete');
    // The refusal leaves the existing lock alone.
    expect(owner(dir).pid).toBe(process.pid);
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = newDir();
    writeRecord(dir, { pid: await deadPid() });
    acquire(dir);
    expect(owner(dir).pid).toBe(process.pid);
  });

  it.runIf(onLinux)('takes over a lock whose pid now belongs to an unrelated live process', () => {
    const dir = newDir();
    const pid = unrelatedLiveProcess();
    // The crashed holder started before the process that now has its pid.
    writeRecord(dir, { pid, startTicks: readProcStat(pid)!.startTicks - 1, bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() });
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

  it('takes over a record naming our own pid that this process did not write (a restarted container)', () => {
    // The old dealclock wrote { pid, host, since } only; in a container both runs are pid 1.
    const dir = newDir();
    writeFileSync(join(dir, 'dealclock.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-05T09:00:00.000Z' }));
    acquire(dir);
    expect(owner(dir).since).not.toBe('2026-01-05T09:00:00.000Z');
  });

  it.runIf(onLinux)('refuses a live holder that only has a record (an older dealclock, or no flock on its machine)', () => {
    const dir = newDir();
    const pid = unrelatedLiveProcess();
    writeFileSync(join(dir, 'dealclock.lock'), JSON.stringify({ pid, host: hostname(), since: '2026-01-05T09:00:00.000Z' }));
    expect(refusalOf(() => acquire(dir)).details.pid).toBe(pid);
    writeRecord(dir, { pid, lock: 'file', startTicks: readProcStat(pid)!.startTicks });
    expect(refusalOf(() => acquire(dir)).details.pid).toBe(pid);
    expect(owner(dir).pid).toBe(pid);
  });

  it('treats a record-only lock written on another host as live, and says how to clear it', async () => {
    const dir = newDir();
    const pid = await deadPid();
    writeRecord(dir, { pid, host: `not-${hostname()}`, lock: 'file' });
    const error = refusalOf(() => acquire(dir));
    expect(error.userMessage()).toContain(`pid ${pid} on not-${hostname()}`);
    expect(error.userMessage()).toContain(`delete ${join(dir, 'dealclock.lock')}`);
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

  it('release leaves a successor’s lock file in place', () => {
    const dir = newDir();
    const lock = acquire(dir);
    // Someone removed our file and another process locked a new one in its place.
    const theirs = JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-01-05T09:00:00.000Z', lock: kind });
    renameSync(lock.path, `${lock.path}.old`);
    writeFileSync(lock.path, theirs);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(theirs);
  });
});

describe('the kernel lock', () => {
  it('is what a Linux or macOS machine gets by default', () => {
    const dir = newDir();
    const lock = acquireLockFile(dir);
    try {
      expect(lock.kind).toBe('kernel');
      // Another process sees the file locked (flock(1) here is an independent observer).
      expect(spawnSync('flock', ['-n', lock.path, 'true']).status).toBe(1);
    } finally {
      lock.release();
    }
  });

  it('a record of a kernel-lock holder on another host does not block: the kernel decides', async () => {
    const dir = newDir();
    writeFileSync(
      join(dir, 'dealclock.lock'),
      JSON.stringify({ pid: await deadPid(), host: `not-${hostname()}`, since: '2026-01-05T09:00:00.000Z', lock: 'kernel' }),
    );
    const lock = acquireLockFile(dir);
    expect(owner(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('waits a few seconds for a holder whose recorded process is gone, then refuses if the lock is still held', async () => {
    const dir = newDir();
    const path = join(dir, 'dealclock.lock');
    writeFileSync(path, JSON.stringify({ pid: await deadPid(), host: hostname(), since: '2026-01-05T09:00:00.000Z', lock: 'kernel' }));
    // Something else holds the file: the record is not the whole truth, the kernel is.
    const other = spawn('flock', ['-x', path, 'sleep', '600'], { stdio: 'ignore' });
    sleepers.push(other);
    while (spawnSync('flock', ['-n', path, 'true']).status === 0) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    refusalOf(() => acquireLockFile(dir));
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    other.kill('SIGKILL');
  });

  it.each(LOCK_HELPERS.map((h) => [h.command, h] as const))(
    '%s takes the lock on our descriptor, keeps it after exiting, and sees a holder',
    (_command, helper) => {
      const path = join(newDir(), 'probe.lock');
      const first = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
      const second = openSync(path, constants.O_RDWR);
      try {
        expect(kernelLock(first, [helper])).toBe('locked');
        expect(kernelLock(second, [helper])).toBe('busy');
      } finally {
        closeSync(first);
      }
      expect(kernelLock(second, [helper])).toBe('locked');
      closeSync(second);
    },
  );

  it('is unavailable when no helper can be run, and the record-only lock is used', () => {
    const fd = openSync(join(newDir(), 'probe.lock'), constants.O_RDWR | constants.O_CREAT, 0o644);
    expect(kernelLock(fd, [{ command: 'dealclock-no-such-tool', args: [] }])).toBe('unavailable');
    closeSync(fd);
    const dir = newDir();
    const lock = acquireLockFile(dir, { helpers: [{ command: 'dealclock-no-such-tool', args: [] }] });
    expect(lock.kind).toBe('file');
    lock.release();
  });
});

describe.runIf(onLinux)('holderState on Linux', () => {
  const self = (): LockHolder => ({
    pid: process.pid,
    host: hostname(),
    since: '',
    bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    startTicks: readProcStat(process.pid)!.startTicks,
  });

  it('a zombie (exited, not yet reaped by its parent) is gone', async () => {
    // `sh` starts `sleep 0` and becomes `sleep 600` (exec keeps its pid), which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 600'], { stdio: ['ignore', 'pipe', 'ignore'] });
    sleepers.push(parent);
    const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(d.toString()))));
    const deadline = Date.now() + 10_000;
    while (readProcStat(pid)?.state !== 'Z' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(readProcStat(pid)?.state).toBe('Z');
    expect(holderState({ ...self(), pid, startTicks: readProcStat(pid)!.startTicks }, false)).toBe('gone');
  });

  it('the same process is alive only while we hold the lock; another boot is gone; another pid namespace is unknown', () => {
    expect(holderState(self(), true)).toBe('alive');
    expect(holderState(self(), false)).toBe('gone');
    const pid = unrelatedLiveProcess();
    const sleeper = { ...self(), pid, startTicks: readProcStat(pid)!.startTicks };
    expect(holderState(sleeper, false)).toBe('alive');
    expect(holderState({ ...sleeper, bootId: '00000000-0000-0000-0000-000000000000' }, false)).toBe('gone');
    expect(holderState({ ...sleeper, pidNamespace: 'pid:[1]' }, false)).toBe('unknown');
    expect(holderState({ ...sleeper, host: `not-${hostname()}` }, false)).toBe('unknown');
  });

  it('reads the start time even when the command name holds spaces and parentheses', async () => {
    const dir = newDir();
    // The kernel names a process after the file it runs: a link to sleep with such a name.
    const sleep = spawnSync('sh', ['-c', 'command -v sleep'], { encoding: 'utf8' }).stdout.trim();
    const odd = join(dir, 'a b) (c');
    symlinkSync(realpathSync(sleep), odd);
    const child = spawn(odd, ['600'], { stdio: 'ignore' });
    sleepers.push(child);
    await new Promise((r) => setTimeout(r, 200));
    expect(readFileSync(`/proc/${child.pid}/stat`, 'utf8')).toContain('(a b) (c)');
    const stat = readProcStat(child.pid!);
    expect(stat?.state).toMatch(/^[RSD]$/);
    expect(stat!.startTicks).toBeGreaterThan(0);
  });
});
