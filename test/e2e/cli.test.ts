/**
 * The `dealclock` command line, run as a user runs it: `node bin/dealclock.js …` in a
 * working folder of its own, on the embedded database (or, with TEST_DATABASE_URL, on
 * that server in a workspace of its own).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/db/migrate.ts';
import { serverUrl } from '../helpers/db.ts';

const BIN = fileURLToPath(new URL('../../bin/dealclock.js', import.meta.url));
const TIMEOUT = 300_000;
const root = mkdtempSync(join(tmpdir(), 'dealclock-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A working folder with its own data: a copy of a migrated data folder, or a server workspace. */
interface Place {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('DEALCLOCK_') && !k.startsWith('SLACK_') && k !== 'DATABASE_URL' && k !== 'LOG_LEVEL') env[k] = v;
  }
  // These tests start from an empty workspace; test/public-data/cli.test.ts starts with the pack.
  env.DEALCLOCK_PUBLIC_DATA = 'off';
  return env;
}

function cli(place: Place, args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: place.cwd, env: place.env, stdio: 'pipe', timeout: 60_000, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function expectNoStackTrace(r: Result): void {
  expect(r.stderr).not.toMatch(/\n\s+at .+[(:]\d+/);
  expect(r.stderr).not.toContain('node:internal');
}

// The first process on an empty folder creates the database (slow); the others copy it.
const template: Place = { cwd: join(root, 'template'), env: { ...baseEnv(), DEALCLOCK_DATA_DIR: join(root, 'template', 'data') } };
let firstMigrate: Result;
let places = 0;

beforeAll(async () => {
  mkdirSync(template.cwd);
  if (serverUrl) template.env = { ...baseEnv(), DATABASE_URL: serverUrl, DEALCLOCK_WORKSPACE: workspaceId() };
  firstMigrate = await cli(template, ['migrate']);
}, TIMEOUT);

function workspaceId(): string {
  return `Tcli${randomBytes(5).toString('hex')}`;
}

function newPlace(): Place {
  const cwd = join(root, `p${++places}`);
  mkdirSync(cwd);
  if (serverUrl) return { cwd, env: { ...baseEnv(), DATABASE_URL: serverUrl, DEALCLOCK_WORKSPACE: workspaceId() } };
  cpSync(join(template.cwd, 'data'), join(cwd, 'data'), { recursive: true });
  return { cwd, env: { ...baseEnv(), DEALCLOCK_DATA_DIR: join(cwd, 'data') } };
}

describe.concurrent('dealclock CLI', () => {
  it(
    'migrate applies the migrations once, then says the database is up to date',
    async () => {
      expect(firstMigrate.stderr).toBe('');
      expect(firstMigrate.code).toBe(0);
      if (!serverUrl)
        expect(firstMigrate.stdout).toBe(
          `Applied ${readMigrations()
            .map((m) => m.name)
            .join(', ')}\n`,
        );
      const second = await cli(newPlace(), ['migrate']);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/up to date/);
    },
    TIMEOUT,
  );

  it(
    'speaks Japanese with --lang ja or DEALCLOCK_LOCALE=ja, and refuses a language it does not speak',
    async () => {
      const place = newPlace();
      const added = await cli(place, ['run', '--lang', 'ja', 'add "Texas GulfLink" deal=JP cost=2.1B']);
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('texas-gulflink を候補として追加しました');
      expect(added.stdout).toContain('21億ドル');
      const missing = await cli({ ...place, env: { ...place.env, DEALCLOCK_LOCALE: 'ja' } }, ['run', 'select nope notice=2026-02-17']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('nope に該当する案件はありません');
      const english = await cli(place, ['run', 'show texas']);
      expect(english.stdout).toContain('US$2.1bn');
      const bad = await cli(place, ['run', '--lang=fr', 'show texas']);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('DEALCLOCK_LOCALE');
      expectNoStackTrace(bad);
    },
    TIMEOUT,
  );

  it(
    'run answers one command, and exits 2 on bad input without a stack trace',
    async () => {
      const place = newPlace();
      const deadline = await cli(place, ['run', 'deadline 2026-02-17 deal=JP']);
      expect(deadline.code).toBe(0);
      expect(deadline.stdout).toContain('Thu 2026-04-23');
      expect(deadline.stdout).toContain('US-FRB+JP-BANK');
      expect(deadline.stdout).toContain('Tue 2026-04-21');
      expect(deadline.stderr).toBe('');

      const nope = await cli(place, ['run', 'select nope notice=2026-02-17']);
      expect(nope.code).toBe(2);
      expect(nope.stdout).toBe('');
      expect(nope.stderr).toMatch(/No project matches .?nope/);
      expectNoStackTrace(nope);

      const empty = await cli(place, ['run', '']);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/Usage: dealclock run/);
      expectNoStackTrace(empty);
    },
    TIMEOUT,
  );

  it(
    'refuses an unknown command with the usage, before opening any database',
    async () => {
      const place: Place = { cwd: join(root, 'no-data'), env: { ...baseEnv(), DEALCLOCK_DATA_DIR: join(root, 'no-data', 'data') } };
      mkdirSync(place.cwd);
      const r = await cli(place, ['frobnicate']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Unknown command `frobnicate`/);
      expect(r.stderr).toMatch(/Usage: dealclock <command>/);
      expectNoStackTrace(r);
      const help = await cli(place, ['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Usage: dealclock <command>/);
      expect(existsSync(join(place.cwd, 'data'))).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'the shell ends quietly when its reader goes away',
    async () => {
      const place = newPlace();
      const lines = Array.from({ length: 200 }, (_, i) => `/invest add "Closed Pipe ${i}" deal=JP`).join('\n') + '\n';
      const result = await new Promise<Result>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'shell'], { cwd: place.cwd, env: place.env, stdio: 'pipe', timeout: 60_000, killSignal: 'SIGKILL' });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        // Like `| head -1`: read the first reply, then close the pipe.
        child.stdout.once('data', () => child.stdout.destroy());
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout: '', stderr }));
        child.stdin.on('error', () => {}); // the shell may stop reading before all lines are written
        child.stdin.end(lines);
      });
      expect(result.code).toBe(0);
      expect(result.stderr).not.toMatch(/EPIPE/);
      expectNoStackTrace(result);
    },
    TIMEOUT,
  );

  it(
    'the shell answers piped /invest lines, and the data survives a restart',
    async () => {
      const place = newPlace();
      const shell = await cli(
        place,
        ['shell'],
        [
          '/invest add "Texas GulfLink" deal=JP cost=2.1B sector=energy',
          '/invest select texas-gulflink notice=2026-02-17',
          '/invest show texas-gulflink',
          '',
        ].join('\n'),
      );
      expect(shell.code).toBe(0);
      expectNoStackTrace(shell);
      const replies = shell.stdout.split(/\n\n+/).filter((s) => s.trim());
      expect(replies.length).toBeGreaterThanOrEqual(3);
      const show = shell.stdout.slice(shell.stdout.lastIndexOf('Texas GulfLink'));
      expect(show).toContain('Thu 2026-04-23');
      expect(show).toContain('US-FRB+JP-BANK');
      expect(show).toMatch(/US-FRB\s+Tue 2026-04-21/);
      expect(show).toMatch(/day \d+ of 45|overdue|left/);
      expect(show).toContain('US$2.1bn');

      const again = await cli(place, ['run', 'show texas-gulflink']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Texas GulfLink');
      expect(again.stdout).toContain('Thu 2026-04-23');
      expect(again.stdout).toMatch(/selected/);
    },
    TIMEOUT,
  );

  it(
    'bad input changes nothing',
    async () => {
      const place = newPlace();
      const noName = await cli(place, ['run', 'add']);
      expect(noName.code).toBe(2);
      expect(noName.stderr).toMatch(/needs a project name/);
      expectNoStackTrace(noName);

      const badCost = await cli(place, ['run', 'add "X" cost=abc']);
      expect(badCost.code).toBe(2);
      expect(badCost.stderr).toMatch(/abc.* is not an amount/);
      expectNoStackTrace(badCost);

      const list = await cli(place, ['run', 'list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/No projects yet/);
      expect(list.stdout).not.toMatch(/#\d+ X\b/);
    },
    TIMEOUT,
  );

  it(
    'export then import into a fresh data folder round-trips byte for byte',
    async () => {
      const from = newPlace();
      const setup = await cli(
        from,
        ['shell'],
        [
          'add "Texas GulfLink" deal=JP cost=2.1B sector=energy',
          'select texas-gulflink notice=2026-02-17',
          `add "Alaska LNG" deal=KR cost=44B sector='oil, "gas" & power' location="Nikiski, Alaska"`,
          'add "Ohio Power" deal=JP',
          '',
        ].join('\n'),
      );
      expect(setup.code).toBe(0);
      expect(setup.stdout).not.toMatch(/^! /m);

      const exported = await cli(from, ['export', 'out.csv']);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(/Exported 3 projects to out\.csv/);
      const csv = readFileSync(join(from.cwd, 'out.csv'), 'utf8');
      expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(4);
      expect(csv).toContain('"oil, ""gas"" & power"');
      expect(csv).toContain('"Nikiski, Alaska"');
      expect(csv).toMatch(/texas-gulflink,Texas GulfLink,JP,selected,2100000000,energy,.*2026-02-17,,2026-04-23,/);

      const to = newPlace();
      const imported = await cli(to, ['import', join(from.cwd, 'out.csv')]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/Imported 3 projects/);

      const reExported = await cli(to, ['export', 'again.csv']);
      expect(reExported.code).toBe(0);
      expect(readFileSync(join(to.cwd, 'again.csv'))).toEqual(readFileSync(join(from.cwd, 'out.csv')));

      // Without a file, export writes the same CSV to stdout.
      const toStdout = await cli(to, ['export']);
      expect(toStdout.code).toBe(0);
      expect(toStdout.stdout).toBe(csv);
    },
    TIMEOUT,
  );

  it(
    'an import with a bad row, a duplicate slug or a missing file is refused whole',
    async () => {
      const place = newPlace();
      const write = (name: string, text: string) => {
        writeFileSync(join(place.cwd, name), text);
        return name;
      };

      const badCost = await cli(place, ['import', write('bad-cost.csv', 'name,deal,cost_usd\nGood One,JP,1B\nBad Two,JP,abc\nGood Three,KR,2B\n')]);
      expect(badCost.code).toBe(2);
      expect(badCost.stderr).toMatch(/bad-cost\.csv, line 3: .*abc.* is not an amount.*Nothing was imported/);
      expectNoStackTrace(badCost);

      const badDeal = await cli(place, ['import', write('bad-deal.csv', 'name,deal\nGood One,JP\nGood Two,KR\nBad Three,CN\n')]);
      expect(badDeal.code).toBe(2);
      expect(badDeal.stderr).toMatch(/line 4: There is no deal .?CN/);

      const duplicate = await cli(place, ['import', write('dup.csv', 'name,deal\nTexas GulfLink,JP\nAlaska LNG,KR\nTexas Gulflink,JP\n')]);
      expect(duplicate.code).toBe(2);
      expect(duplicate.stderr).toMatch(/line 4: .*texas-gulflink.*also on line 2/);

      const missing = await cli(place, ['import', 'no-such-file.csv']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/Cannot read .?no-such-file\.csv.?: no such file/);
      expectNoStackTrace(missing);

      const list = await cli(place, ['run', 'list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/No projects yet/);
    },
    TIMEOUT,
  );

  it(
    'an import carrying control, bidi or zero-width characters, or not UTF-8, is refused whole with its line',
    async () => {
      const place = newPlace();
      const write = (name: string, bytes: string | Buffer) => {
        writeFileSync(join(place.cwd, name), bytes);
        return name;
      };
      const header = 'name,deal,sector\nGood One,JP,energy\n';
      const cases: [string, string | Buffer, RegExp][] = [
        ['nul.csv', `${header}Bad Two,JP,ener\u0000gy\n`, /^nul\.csv, line 3, column 3 \(.sector.\): it contains U\+0000 \(NUL\)/],
        ['esc.csv', `${header}\u001b[2J\u001b[31mBad Two,KR,energy\n`, /^esc\.csv, line 3, column 1 \(.name.\): it contains U\+001B/],
        ['bidi.csv', `${header}Bad\u202Eowt,JP,energy\n`, /^bidi\.csv, line 3, column 1 \(.name.\): it contains U\+202E/],
        ['zwsp.csv', `${header}Good Two,JP,energy\nGood\u200BOne,KR,energy\n`, /^zwsp\.csv, line 4, column 1 \(.name.\): it contains U\+200B/],
        ['latin1.csv', Buffer.from(`${header}Caf\u00e9 Two,JP,food\n`, 'latin1'), /^latin1\.csv, line 3: the file is not UTF-8 text \(byte 0xE9\)/],
        [
          'sjis.csv',
          Buffer.concat([Buffer.from(header), Buffer.from([0x93, 0x8c, 0x8b, 0x9e]), Buffer.from(',JP,energy\n')]),
          /^sjis\.csv, line 3: the file is not UTF-8 text \(byte 0x93\)/,
        ],
      ];
      for (const [name, bytes, message] of cases) {
        const r = await cli(place, ['import', write(name, bytes)]);
        expect(r.code, name).toBe(2);
        expect(r.stdout, name).toBe('');
        expect(r.stderr, name).toMatch(message);
        expect(r.stderr, name).toMatch(/Nothing was imported\.\n$/);
        // Named, never printed.
        expect(r.stderr, name).not.toMatch(/[\u0000\u001b\u202e\u200b\ufffd]/);
        expectNoStackTrace(r);
      }
      const list = await cli(place, ['run', 'list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/No projects yet/);
    },
    TIMEOUT,
  );

  it(
    'export writes a name a spreadsheet would run as a formula as text, and import reads it back',
    async () => {
      const from = newPlace();
      expect((await cli(from, ['run', `add '=HYPERLINK("http://x","y")' slug=hyperlink deal=JP`])).code).toBe(0);
      expect((await cli(from, ['export', 'out.csv'])).code).toBe(0);
      const csv = readFileSync(join(from.cwd, 'out.csv'), 'utf8');
      expect(csv.split('\n')[1]).toBe(`1,hyperlink,"'=HYPERLINK(""http://x"",""y"")",JP,candidate,,,,,,,,,,,,,,,`);
      const to = newPlace();
      expect((await cli(to, ['import', join(from.cwd, 'out.csv')])).code).toBe(0);
      const show = await cli(to, ['run', 'show hyperlink']);
      expect(show.stdout).toContain('=HYPERLINK("http://x","y")');
    },
    TIMEOUT,
  );
  it(
    'timeline writes a PNG of the running clocks: `run "timeline" --out`, the `timeline` command and the shell',
    async () => {
      const place = newPlace();
      const setup = [
        'add "Texas GulfLink" deal=JP cost=2.1B',
        'select texas-gulflink notice=2026-10-01',
        'add "東京湾 水素サプライチェーン" deal=JP slug=tokyo-h2',
        'select tokyo-h2 notice=2026-11-02',
        'add "Ohio Fab" deal=JP',
        'select ohio-fab notice=2026-09-01',
      ];
      expect((await cli(place, ['shell'], setup.join('\n') + '\n')).code).toBe(0);
      const isPng = (path: string) =>
        readFileSync(path)
          .subarray(0, 8)
          .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

      const run = await cli(place, ['run', 'timeline', '--out', 't.png']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`3 running clocks to ${join(place.cwd, 't.png')}`);
      expect(isPng(join(place.cwd, 't.png'))).toBe(true);
      expect(readFileSync(join(place.cwd, 't.png')).length).toBeGreaterThan(10_000);

      // The operator's file is never overwritten.
      const again = await cli(place, ['run', 'timeline', '--out', 't.png']);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/Cannot write .?t\.png.?: it already exists/);
      expectNoStackTrace(again);

      const command = await cli(place, ['timeline', 'JP']);
      expect(command.code).toBe(0);
      const written = /to (\S+\.png)/.exec(command.stdout)![1]!;
      expect(written.startsWith(place.cwd)).toBe(true);
      expect(written).toMatch(/timeline-\d{4}-\d{2}-\d{2}-JP\.png$/);
      expect(isPng(written)).toBe(true);

      const shell = await cli(place, ['shell'], 'timeline --out s.png\n');
      expect(shell.code).toBe(0);
      expect(shell.stdout).toContain(join(place.cwd, 's.png'));
      expect(isPng(join(place.cwd, 's.png'))).toBe(true);
      expect(existsSync(join(place.cwd, 'timeline'))).toBe(false);
    },
    TIMEOUT,
  );
});
