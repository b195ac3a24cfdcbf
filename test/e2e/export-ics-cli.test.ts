/**
 * `dealclock export-ics` as a new user runs it: a fresh data folder (the public pipeline
 * loads on the first command), a project selected on the worked example's notice date,
 * and the file read back by an independent iCalendar parser.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serverUrl } from '../helpers/db.ts';
import { parseFeed } from '../helpers/ics.ts';

const BIN = fileURLToPath(new URL('../../bin/dealclock.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dealclock-export-ics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', DEALCLOCK_TIMEZONE: 'Asia/Tokyo' };
if (serverUrl) Object.assign(env, { DATABASE_URL: serverUrl, DEALCLOCK_WORKSPACE: `Tics${randomBytes(4).toString('hex')}` });
else env.DEALCLOCK_DATA_DIR = join(dir, 'data');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('dealclock export-ics', () => {
  it('writes a calendar an independent parser reads: the running clock on its due date, closed projects cancelled', { timeout: 300_000 }, async () => {
    expect((await cli('run', 'add "Ohio Valley Grid" deal=JP cost=1.2B')).code).toBe(0);
    expect((await cli('run', 'select ohio-valley-grid notice=2026-02-17')).code).toBe(0);
    const out = await cli('export-ics', 'due.ics', '--milestones');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Wrote \d+ events to due\.ics\.\n$/);
    const text = readFileSync(join(dir, 'due.ics'), 'utf8');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const { events } = parseFeed(text);
    const running = events.filter((e) => e.status === 'CONFIRMED');
    const due = running.find((e) => e.uid.startsWith('due-'))!;
    expect(due).toMatchObject({ date: '2026-04-23', dateOnly: true, summary: 'Ohio Valley Grid — funding due (45 business days, US-FRB+JP-BANK)' });
    expect(running.map((e) => e.summary.split(' — ')[0])).toEqual(Array(5).fill('Ohio Valley Grid'));
    // The public pipeline's Texas GulfLink is funded: in the file as a cancelled event.
    const texas = events.find((e) => e.summary.startsWith('Texas GulfLink'));
    expect(texas?.status).toBe('CANCELLED');

    const again = await cli('export-ics', 'due.ics');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    const unknown = await cli('export-ics', '--deal', 'XX');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no deal `XX`');
    const stdout = await cli('export-ics', '--deal', 'KR');
    expect(stdout.code).toBe(0);
    expect(stdout.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(parseFeed(stdout.stdout).events.filter((e) => e.status === 'CONFIRMED')).toEqual([]);
  });
});
