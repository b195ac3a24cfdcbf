/**
 * An exclusive lock on the embedded data folder. PGlite has no lock of its own and two
 * processes on one folder corrupt it, so the folder is guarded by `dealclock.lock`.
 *
 * Normally the lock is a kernel lock (flock, see kernel-lock.ts) on that file, held for
 * the life of the process: when the holder dies in any way — kill -9, a crash, a container
 * stopped — the kernel releases it at once, whatever pid comes next (a restarted
 * container's bot is pid 1 again). The file also records who holds it (lock-holder.ts),
 * so that a refusal can name the holder.
 *
 * Where no kernel lock can be had (no `flock` or `perl`, or a file system without locks)
 * the record alone is the lock: created with O_EXCL, and taken over only when its holder
 * is known to be gone (lock-holder.ts says how that is decided and what stays unknown).
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readFileSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { kernelLock, LOCK_HELPERS, type LockHelper } from './kernel-lock.ts';
import { describeHolder, describeSelf, holderState, type LockHolder, parseHolder } from './lock-holder.ts';

export const LOCK_FILE_NAME = 'dealclock.lock';

export interface LockFile {
  path: string;
  /** `kernel`: an flock the kernel releases when we die; `file`: the record only. */
  kind: 'kernel' | 'file';
  release(): void;
}

export interface LockOptions {
  /** The tools that take a kernel lock; none means the record-only lock (tests use both). */
  helpers?: readonly LockHelper[];
}

/** Lock files this process holds: a record with our pid is then ours, else a predecessor's. */
const heldHere = new Set<string>();

/** How long a killed holder may take to finish dying (its threads exiting) before we give up. */
const DYING_WAIT_MS = 5000;

export function acquireLockFile(dir: string, options: LockOptions = {}): LockFile {
  const path = join(dir, LOCK_FILE_NAME);
  const helpers = options.helpers ?? LOCK_HELPERS;
  const deadline = Date.now() + DYING_WAIT_MS;
  let useKernel = helpers.length > 0;
  for (let attempt = 0; ; attempt++) {
    const lock = useKernel ? acquireKernelLock(dir, path, helpers) : acquireRecordLock(dir, path);
    if (lock === 'unavailable') useKernel = false;
    else if (lock instanceof UserError) {
      if (!(lock.details.dying && Date.now() < deadline)) throw lock;
      sleepSync(20);
    } else if (lock !== 'retry') return lock;
    else if (attempt > 100) throw new Error(`could not take the lock ${path}`);
  }
}

/**
 * The kernel lock; 'retry' when the file changed under us. A refusal is returned, not
 * thrown, so that the caller can wait for a holder that is still dying.
 */
function acquireKernelLock(dir: string, path: string, helpers: readonly LockHelper[]): LockFile | UserError | 'unavailable' | 'retry' {
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  let held = false;
  try {
    const result = kernelLock(fd, helpers);
    if (result === 'unavailable') return 'unavailable';
    if (result === 'busy') {
      // The kernel says it is held. A record whose holder is dying, or already gone (its
      // last threads exiting, or a successor that has not written its record yet), is
      // worth waiting for; any other holder is alive, even one we cannot see.
      const holder = parseHolder(readAll(fd));
      const state = holder ? holderState(holder, heldHere.has(path)) : 'alive';
      return refusal(dir, path, holder, state === 'dying' || state === 'gone' ? 'dying' : 'alive');
    }
    // A holder's release unlinks the file: if it did so between our open and our lock, we
    // hold a lock on a file nobody else will open. Start again on the current file.
    if (!isSameFile(fd, path)) return 'retry';
    // A holder that took no kernel lock (an older dealclock, or one on a machine without
    // flock) is known by its record only.
    const previous = parseHolder(readAll(fd));
    if (previous && previous.lock !== 'kernel') {
      const state = holderState(previous, heldHere.has(path));
      if (state !== 'gone') return refusal(dir, path, previous, state);
    }
    const record = Buffer.from(JSON.stringify(describeSelf('kernel')));
    ftruncateSync(fd, 0);
    writeSync(fd, record, 0, record.length, 0);
    held = true;
    heldHere.add(path);
  } finally {
    if (!held) closeSync(fd);
  }
  let released = false;
  return {
    path,
    kind: 'kernel',
    release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      // Unlink while still holding the lock, and only our own file (never a successor's).
      try {
        if (isSameFile(fd, path)) unlinkSync(path);
      } finally {
        closeSync(fd);
      }
    },
  };
}

function acquireRecordLock(dir: string, path: string): LockFile | UserError | 'retry' {
  try {
    const fd = openSync(path, 'wx');
    const self = describeSelf('file');
    try {
      writeSync(fd, JSON.stringify(self));
    } finally {
      closeSync(fd);
    }
    heldHere.add(path);
    let released = false;
    return {
      path,
      kind: 'file',
      release() {
        if (released) return;
        released = true;
        heldHere.delete(path);
        // Only remove the lock if it is still ours (a takeover must not be undone).
        if (sameHolder(readHolder(path), self)) unlinkSync(path);
      },
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const holder = readHolder(path);
  if (holder) {
    const state = holderState(holder, heldHere.has(path));
    if (state !== 'gone') return refusal(dir, path, holder, state);
  }
  // Gone, or unreadable (a crash mid-write): take it over — but only one process may do
  // so, or two starting together after a crash could each delete the other's fresh lock.
  // A short-lived `.takeover` file serialises the takeover.
  removeStaleLock(path, holder);
  return 'retry';
}

function removeStaleLock(path: string, stale: LockHolder | undefined): void {
  const guard = `${path}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another process is taking over; a guard left by a crash is cleared after a few seconds.
    try {
      if (Date.now() - statSync(guard).mtimeMs > 5000) unlinkSync(guard);
    } catch {
      // Gone already.
    }
    return;
  }
  try {
    // Still the same stale holder? (Someone may have taken over between our reads.)
    if (sameHolder(readHolder(path), stale)) unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    closeSync(fd);
    unlinkSync(guard);
  }
}

function refusal(dir: string, path: string, holder: LockHolder | undefined, state: 'alive' | 'dying' | 'unknown'): UserError {
  // Only a holder we cannot see may be gone; deleting a live kernel lock's file would let a
  // second process in, so the hint is never given for one.
  const hint = state === 'unknown' ? ` It cannot be checked from here; if that process has stopped, delete ${path} and start again.` : '';
  return new UserError('database_locked', { dir, pid: holder?.pid, holder: describeHolder(holder), hint, dying: state === 'dying' ? 'yes' : undefined });
}

/** Waits without returning to the event loop: taking the lock is synchronous, and rare. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function sameHolder(a: LockHolder | undefined, b: LockHolder | undefined): boolean {
  return a?.pid === b?.pid && a?.since === b?.since;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return parseHolder(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function readAll(fd: number): string {
  const buffer = Buffer.alloc(Math.min(fstatSync(fd).size, 64 * 1024));
  const length = readSync(fd, buffer, 0, buffer.length, 0);
  return buffer.toString('utf8', 0, length);
}

function isSameFile(fd: number, path: string): boolean {
  try {
    const open = fstatSync(fd);
    const current = statSync(path);
    return open.ino === current.ino && open.dev === current.dev;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
