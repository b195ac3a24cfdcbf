/**
 * Who holds the data folder's lock, written into `dealclock.lock` so that a refusal can
 * name the holder and so that, where no kernel lock can be had, a stale record can be told
 * from a live one by more than its pid. A pid alone is not enough: in a container the bot
 * is pid 1 before and after a crash, and a pid is reused by unrelated processes. On Linux
 * the record also carries the boot id (/proc/sys/kernel/random/boot_id), the process's
 * start time in clock ticks since boot (field 22 of /proc/<pid>/stat) and its pid
 * namespace, which together name one process of one boot of one machine.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  /** How the holder locks: `kernel` (an flock held for its life) or `file` (this record alone). */
  lock?: 'kernel' | 'file';
  bootId?: string;
  /** Start time in clock ticks since boot. */
  startTicks?: number;
  /** e.g. `pid:[4026531836]`; pids are only comparable within one namespace. */
  pidNamespace?: string;
}

/**
 * `dying`: killed, its main thread a zombie, other threads still exiting (they hold its
 * files, and so its kernel lock, for a few more milliseconds). `unknown`: the holder cannot
 * be seen from here (another host, another pid namespace).
 */
export type HolderState = 'alive' | 'dying' | 'gone' | 'unknown';

export function describeSelf(lock: 'kernel' | 'file'): LockHolder {
  const self: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), lock };
  const bootId = readBootId();
  const stat = readProcStat(process.pid);
  const pidNamespace = readPidNamespace();
  if (bootId) self.bootId = bootId;
  if (stat) self.startTicks = stat.startTicks;
  if (pidNamespace) self.pidNamespace = pidNamespace;
  return self;
}

export function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(text) as LockHolder | null;
    return parsed && Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the process a record names is still running. `heldHere` says whether this
 * process itself holds the lock (a record with our own pid that we did not write is a
 * predecessor's: a container's pid 1 before a crash).
 */
export function holderState(holder: LockHolder, heldHere: boolean): HolderState {
  if (holder.host !== hostname()) return 'unknown';
  const bootId = readBootId();
  // Same host name, another boot: the machine has restarted since, and the holder with it.
  if (holder.bootId && bootId && holder.bootId !== bootId) return 'gone';
  const pidNamespace = readPidNamespace();
  if (holder.pidNamespace && pidNamespace && holder.pidNamespace !== pidNamespace) return 'unknown';
  if (holder.pid === process.pid) return heldHere ? 'alive' : 'gone';
  const stat = readProcStat(holder.pid);
  if (stat) {
    // A zombie has exited and closed its files, once its last thread is gone; it is only
    // waiting for its parent to reap it, which may never happen.
    if (stat.state === 'Z' || stat.state === 'X') return threadCount(holder.pid) > 1 ? 'dying' : 'gone';
    // The pid now belongs to another process, started after the holder.
    if (holder.startTicks !== undefined && holder.startTicks !== stat.startTicks) return 'gone';
    return 'alive';
  }
  // Without /proc (macOS, Windows) only the pid can be checked: a reused pid reads as alive.
  if (procAvailable()) return 'gone';
  try {
    process.kill(holder.pid, 0);
    return 'alive';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? 'alive' : 'gone';
  }
}

/** "pid 123 on host-a, since 2026-01-05T09:00:00.000Z", for messages. */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'its pid is not recorded yet';
  const host = holder.host && holder.host !== hostname() ? ` on ${holder.host}` : '';
  return `pid ${holder.pid}${host}, since ${holder.since}`;
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function readPidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

function threadCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return 0;
  }
}

function procAvailable(): boolean {
  return readProcStat(process.pid) !== undefined;
}

/** State and start time from /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
export function readProcStat(pid: number): { state: string; startTicks: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After the command: field 3 (state) is fields[0], field 22 (starttime) is fields[19].
  const startTicks = Number(fields[19]);
  return fields[0] && Number.isFinite(startTicks) ? { state: fields[0], startTicks } : undefined;
}
