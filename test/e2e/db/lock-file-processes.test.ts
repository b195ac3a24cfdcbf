/**
 * The data folder's lock between real processes: dealclock CLIs on one folder, a bot that
 * is pid 1 of its own pid namespace (as in a container) killed with SIGKILL and started
 * again, and a holder killed while its parent does not reap it (a zombie).
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireLockFile, type LockOptions } from '../../../src/db/lock-file.ts';
import { readProcStat } from '../../../src/db/lock-holder.ts';

const BIN = fileURLToPath(new URL('../../../bin/dealclock.js', import.meta.url));
const LOCK_MODULE = fileURLToPath(new URL('../../../src/db/lock-file.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'dealclock-lock-processes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A new pid namespace whose first process is pid 1; it dies with its `unshare` parent. */
const PID1 = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child'];
const canUnshare = spawnSync(PID1[0]!, [...PID1.slice(1), 'true']).status === 0;

function owner(dir: string): { pid: number; host: string; since: string } {
  return JSON.parse(readFileSync(join(dir, 'dealclock.lock'), 'utf8'));
}

function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('DEALCLOCK_') && k !== 'DATABASE_URL' && k !== 'LOG_LEVEL') env[k] = v;
  }
  return { ...env, DEALCLOCK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEALCLOCK_PUBLIC_DATA: 'off' };
}

/** `dealclock <args>`, optionally under a prefix such as PID1. */
function runCli(dataDir: string, args: string[], prefix: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [command, ...rest] = [...prefix, process.execPath, BIN, ...args];
  return new Promise((resolve) => {
    execFile(command!, rest, { cwd: dataDir, env: cliEnv(dataDir), timeout: 60_000 }, (err, stdout, stderr) => {
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
async function startShell(dataDir: string, prefix: string[] = []): Promise<Shell> {
  const [command, ...rest] = [...prefix, process.execPath, BIN, 'shell'];
  const child = spawn(command!, rest, { cwd: dataDir, env: cliEnv(dataDir), stdio: 'pipe' });
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

async function addProject(shell: Shell, name: string, slug: string): Promise<void> {
  shell.child.stdin.write(`add "${name}" deal=KR cost=600M\n`);
  const deadline = Date.now() + 120_000;
  while (!shell.output().includes(`Added ${slug}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(shell.output()).toContain(`Added ${slug}`);
}

describe('two dealclock processes on one data folder', () => {
  const dataDir = mkdtempSync(join(root, 'shared-'));

  it('refuses the second while the first runs, and the first releases the lock on exit', async () => {
    const first = await startShell(dataDir);
    expect(owner(dataDir).pid).toBe(first.child.pid);

    const second = await runCli(dataDir, ['run', 'list']);
    expect(second.code, second.stderr).toBe(2);
    expect(second.stderr).toContain(`The embedded database in ${dataDir} is in use by another dealclock process`);
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
    await addProject(first, 'Kill Test', 'kill-test');

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

describe.runIf(canUnshare)('a bot that is pid 1 of its pid namespace (a container)', () => {
  it('refuses a second bot (another pid 1) while it runs; after kill -9 the next pid 1 starts at once', async () => {
    const dataDir = mkdtempSync(join(root, 'pid1-'));
    const first = await startShell(dataDir, PID1);
    expect(owner(dataDir).pid).toBe(1);
    await addProject(first, 'Container Plant', 'container-plant');

    // Another container on the same volume: pid 1 too, and refused.
    const second = await runCli(dataDir, ['run', 'list'], PID1);
    expect(second.code, second.stderr).toBe(2);
    expect(second.stderr).toContain('in use by another dealclock process (pid 1');

    // kill -9 of the namespace's pid 1 (the bot; `unshare` is its parent out here).
    const unsharePid = first.child.pid!;
    const botPid = Number(readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim());
    expect(botPid).toBeGreaterThan(1);
    process.kill(botPid, 'SIGKILL');
    await first.exited;
    expect(owner(dataDir).pid).toBe(1);

    const next = await runCli(dataDir, ['run', 'list'], PID1);
    expect(next.stderr).not.toContain('in use by another dealclock process');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('container-plant');
  }, 300_000);
});

describe.runIf(existsSync('/proc/self/stat'))('a holder killed while its parent does not reap it (a zombie)', () => {
  it.each([
    ['kernel lock', {}],
    ['record-only lock', { helpers: [] }],
  ] as [string, LockOptions][])(
    '%s: the folder can be locked at once',
    async (_name, options) => {
      const dir = mkdtempSync(join(root, 'zombie-'));
      // `sh` starts the holder and becomes `sleep` (exec keeps its pid), which never reaps it.
      const holder = `const { acquireLockFile } = await import(${JSON.stringify(LOCK_MODULE)});
      acquireLockFile(${JSON.stringify(dir)}, ${JSON.stringify(options)}); console.log('held'); setInterval(() => {}, 60_000);`;
      const parent = spawn('sh', ['-c', `"$0" --import tsx --input-type=module -e "$1" & echo $!; exec sleep 600`, process.execPath, holder], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        let out = '';
        parent.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
        const deadline = Date.now() + 60_000;
        while (!out.includes('held') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const pid = Number(out.split('\n')[0]);
        expect(owner(dir).pid).toBe(pid);

        process.kill(pid, 'SIGKILL');
        while (readProcStat(pid)?.state !== 'Z' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        expect(readProcStat(pid)?.state).toBe('Z');

        const lock = acquireLockFile(dir, options);
        expect(owner(dir).pid).toBe(process.pid);
        lock.release();
      } finally {
        parent.kill('SIGKILL');
      }
    },
    120_000,
  );
});
