/**
 * Graceful shutdown of `dealclock start` in shell mode, fed by a pipe that stays open:
 * SIGTERM arrives while a command and the start-up reminder pass are in flight. Both
 * finish, the process exits 0, and the data folder's lock is released (the next process
 * opens it at once and sees the command's change and the reminder as sent).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/dealclock.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dealclock-shutdown-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DEALCLOCK_DATA_DIR: join(tmp, 'data'),
  DEALCLOCK_WORKSPACE: 'TSHUT',
  LOG_LEVEL: 'info',
  DEALCLOCK_TIMEZONE: 'UTC',
  DEALCLOCK_REMINDER_TIME: '00:00',
  DEALCLOCK_PUBLIC_DATA: 'off',
};
const run = (text: string) => promisify(execFile)(process.execPath, [BIN, 'run', text], { cwd: tmp, env });

describe('SIGTERM in shell mode', () => {
  it('finishes the command and the reminder pass in flight, releases the lock, exits 0', async () => {
    // A clock that ran out long ago: the start-up pass has overdue reminders to send.
    await run('add "Overdue Plant" deal=JP cost=1B');
    const notice = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
    await run(`select overdue-plant notice=${notice}`);

    const child = spawn(process.execPath, [BIN, 'start'], { cwd: tmp, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // The shell is up once it answers; then a change goes in and SIGTERM follows at once.
    child.stdin.write('status\n');
    const deadline = Date.now() + 60_000;
    while (!stdout.includes('overdue-plant') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.stdin.write('add "Late Arrival" deal=KR cost=300M\n');
    await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    // stdin is deliberately left open: the process must not wait for end of input.
    const code = await exited;
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('shell: stopping');
    expect(existsSync(join(tmp, 'data', 'dealclock.lock'))).toBe(false);

    // The lock is free and nothing was lost: the change is there and every reminder
    // planned by the pass was sent (or is still queued, never half-written).
    const { stdout: list } = await run('list');
    expect(list).toContain('overdue-plant');
    const { stdout: history } = await run('history overdue-plant');
    expect(history).toMatch(/Reminders|No changes|added/);
    if (stdout.includes('Added')) expect(list).toContain('late-arrival');
    child.stdin.destroy();
  }, 120_000);
});
