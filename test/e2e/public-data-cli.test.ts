/**
 * Tried as a new user would: a fresh data folder, the public pipeline on the first
 * command, `data status`, `data apply` of a newer pack, and the corrected KR-BANK days,
 * all through `node bin/dealclock.js` (on the embedded database, or with
 * TEST_DATABASE_URL on a server workspace of its own).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_PACK_FILE } from '../../src/usecases/public-data/pack.ts';
import { serverUrl } from '../helpers/db.ts';

const BIN = fileURLToPath(new URL('../../bin/dealclock.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dealclock-public-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', DEALCLOCK_TIMEZONE: 'Asia/Tokyo' };
if (serverUrl) Object.assign(env, { DATABASE_URL: serverUrl, DEALCLOCK_WORKSPACE: `Tpub${randomBytes(4).toString('hex')}` });
else env.DEALCLOCK_DATA_DIR = join(dir, 'data');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('a new user on the command line', () => {
  it('gets the public pipeline, its status, a newer pack applied with its diff, and history naming the pack', async () => {
    const list = await cli('run', 'list');
    expect(list.stderr).toBe('');
    expect(list.stdout).toContain('Portsmouth Powered Land Project portsmouth-powered-land · funded · JP · US$33bn');
    expect(list.stdout).toContain('Texas GulfLink deep-water crude export terminal texas-gulflink · funded · JP · US$2.1bn');
    expect(list.stdout).toContain('up to US$40bn');

    const status = await cli('data', 'status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('This workspace has pack 2026.11.09.1, as of Mon 2026-11-09.');

    const pack = JSON.parse(readFileSync(SHIPPED_PACK_FILE, 'utf8'));
    pack.version = '2026.12.01';
    pack.asOf = '2026-12-01';
    pack.projects.find((p: { id: string }) => p.id === 'J2').cost.value = 2_300_000_000;
    pack.projects
      .find((p: { id: string }) => p.id === 'J1')
      .events.push({
        id: 'J1-phase-1',
        kind: 'update',
        date: '2026-11-20',
        summary: 'First 800 MW phase: construction started.',
        label: 'reported',
        source: 'doe-2026-03-20',
      });
    const file = join(dir, 'newer.json');
    writeFileSync(file, JSON.stringify(pack, null, 2));
    const applied = await cli('data', 'apply', file);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('New events (1):');
    expect(applied.stdout).toContain('project texas-gulflink: cost US$2.1bn → US$2.3bn');
    expect(applied.stdout).toContain('The audit trail names pack 2026.12.01.');
    const history = await cli('run', 'history texas');
    expect(history.stdout).toContain('updated it from public data 2026.12.01');

    pack.regimes[0].rate = 'fifteen';
    writeFileSync(file, JSON.stringify(pack));
    const bad = await cli('data', 'apply', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${file} is not a valid public-data pack; nothing was changed.`);
    expect(bad.stderr).toContain('regimes[0].rate:');
    expect(bad.stderr).not.toMatch(/\n\s+at /);

    const deadline = await cli('run', 'deadline 2033-07-20 deal=KR');
    expect(deadline.stdout).toContain('Wed 2033-09-28');
  }, 600_000);
});
