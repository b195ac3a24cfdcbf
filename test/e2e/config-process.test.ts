import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/dealclock.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dealclock-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a bad configuration on the command line', () => {
  it('exits 1 with one line naming the variable and no stack trace', async () => {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (!k.startsWith('DEALCLOCK_') && k !== 'DATABASE_URL' && k !== 'LOG_LEVEL') env[k] = v;
    }
    env.DEALCLOCK_DATA_DIR = join(tmp, 'data');
    env.DEALCLOCK_TIMEZONE = 'Nowhere';
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'run', 'help'], { cwd: tmp, env, timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
      });
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DEALCLOCK_TIMEZONE');
    expect(lines[0]).toMatch(/IANA time zone/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
