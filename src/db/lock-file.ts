/**
 * An exclusive lock on the embedded data folder. PGlite has no lock of its own and two
 * processes on one folder corrupt it, so the folder is guarded by `dealclock.lock`,
 * created with O_EXCL and holding the owner's pid. A lock whose process is gone (a crash,
 * a kill -9) is stale and taken over.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';

export interface LockFile {
  path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export function acquireLockFile(dir: string): LockFile {
  const path = join(dir, 'dealclock.lock');
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          // Only remove the lock if it is still ours (a stale takeover must not be undone).
          if (readOwner(path)?.pid === process.pid) unlinkSync(path);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      if (owner && isAlive(owner)) {
        throw new UserError('database_locked', { dir, pid: owner.pid });
      }
      // Stale (dead owner) or unreadable (a crash mid-write): take it over — but only one
      // process may do so, or two starting together after a crash could each delete the
      // other's fresh lock. A short-lived `.takeover` file serialises the takeover.
      removeStaleLock(path, owner);
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

function removeStaleLock(path: string, stale: LockOwner | undefined): void {
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
    // Still the same stale owner? (Someone may have taken over between our reads.)
    if (readOwner(path)?.pid === stale?.pid) unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    closeSync(fd);
    unlinkSync(guard);
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock written on another host (a shared network folder) cannot be checked: treat it as live.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
