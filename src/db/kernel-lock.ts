/**
 * An exclusive flock(2) on an open file, held until every descriptor of that open file is
 * closed: by `release`, or by the kernel when the process dies in any way (kill -9, OOM,
 * a crash). Node has no flock of its own, and a native addon would need a compiler at
 * install time, so a standard tool takes the lock for us: the descriptor is passed to it
 * as its fd 3, it calls flock on it and exits. flock locks belong to the open file, not to
 * the process that asked (flock(2): "associated with an open file description"), so the
 * lock stays with our descriptor after the tool has exited.
 *
 * Tools tried, in order: `flock` (util-linux on Linux; BusyBox on Alpine), then `perl`
 * (macOS ships it; Debian's perl-base is essential). Each takes about 2–10 ms once at
 * start-up. Without either (Windows, distroless images), `unavailable` lets the caller fall
 * back to a record-only lock.
 */
import { spawnSync } from 'node:child_process';

export type KernelLockResult = 'locked' | 'busy' | 'unavailable';

export interface LockHelper {
  command: string;
  args: string[];
}

// Both exit 0 when locked and 1 when another open file holds the lock (-n: do not wait).
// util-linux flock exits 64 and up on any other error (e.g. a file system without locks).
export const LOCK_HELPERS: readonly LockHelper[] = [
  { command: 'flock', args: ['-n', '-x', '3'] },
  {
    command: 'perl',
    args: ['-MFcntl=:flock', '-e', 'open(my $h, "+<&=", 3) or exit 3; flock($h, LOCK_EX | LOCK_NB) and exit 0; exit($!{EWOULDBLOCK} ? 1 : 3)'],
  },
];

/** Tries to lock `fd` (opened read-write) exclusively without waiting. */
export function kernelLock(fd: number, helpers: readonly LockHelper[] = LOCK_HELPERS): KernelLockResult {
  if (process.platform === 'win32') return 'unavailable';
  for (const helper of helpers) {
    const run = spawnSync(helper.command, helper.args, { stdio: ['ignore', 'ignore', 'ignore', fd], timeout: 10_000 });
    if (run.error) continue;
    if (run.status === 0) return 'locked';
    if (run.status === 1) return 'busy';
  }
  return 'unavailable';
}
