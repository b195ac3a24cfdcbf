/**
 * Import: `importProjectsCsv` (what `dealclock import` runs) of a generated 100,000-row
 * CSV in one transaction, on each engine, against a raw INSERT … SELECT of the same rows
 * (unnest of prepared arrays: parsing and validation skipped, each row written once).
 * Also the whole `node bin/dealclock.js import` on PGlite, start-up included.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/core/civil-date.ts';
import { csvText } from '../src/csv/csv-text.ts';
import { importProjectsCsv } from '../src/csv/projects-csv.ts';
import { testContext } from '../test/helpers/db.ts';
import { benchDatabase, engines, int, ms, note, now, ratio, size, table } from './lib.ts';

const DATA = new URL('./data/', import.meta.url).pathname;

/** Writes bench/data/projects-<n>.csv (git-ignored) and returns its path. */
export function generateCsv(n: number): string {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, `projects-${n}.csv`);
  const lines = ['name,slug,deal,stage,cost_usd,sector,notice_on,channel_id'];
  for (let i = 1; i <= n; i++) {
    const selected = i % 3 === 0;
    lines.push(
      `"Import ${i}, energy",import-${i},${i % 2 ? 'JP' : 'KR'},${selected ? 'selected' : 'candidate'},${(i % 90) + 1}00000000,energy,${selected ? addDays('2025-10-01', i % 300) : ''},C0IMPORT${i % 40}`,
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/**
 * The file read for import: strict UTF-8 decoding and the character check (csv-text.ts)
 * against the plain read it replaced (decode, CRLF → LF). Best of 7, no database.
 */
export function readingBench(file: string): void {
  const best = (f: () => unknown) => {
    let min = Infinity;
    for (let i = 0; i < 7; i++) {
      const t0 = now();
      f();
      min = Math.min(min, now() - t0);
    }
    return min;
  };
  const rows: (string | number)[][] = [];
  const ascii = readFileSync(file);
  // The same rows with Japanese names: most characters take three bytes.
  const japanese = Buffer.from(ascii.toString().replace(/Import/g, 'テキサス'));
  for (const [what, bytes] of [
    ['ASCII names', ascii],
    ['Japanese names', japanese],
  ] as const) {
    const anchor = best(() => bytes.toString('utf8').replace(/\r\n/g, '\n'));
    const checked = best(() => csvText(bytes, file));
    rows.push([what, `${(bytes.length / 1048576).toFixed(1)} MB`, ms(anchor), ms(checked), ratio(checked, anchor), ms(checked - anchor)]);
  }
  table('Reading the CSV before import (ms, best of 7)', ['file', 'size', 'anchor: decode + CRLF', 'strict UTF-8 + character check', 'ratio', 'added'], rows);
}

export async function importBench(): Promise<void> {
  const n = size(100_000, 10_000);
  const file = generateCsv(n);
  readingBench(file);
  const text = readFileSync(file, 'utf8');
  const rows: (string | number)[][] = [];
  for (const engine of await engines()) {
    const db = await benchDatabase(engine, 'dealclock_bench_import');
    await db.query(`INSERT INTO workspace (id) VALUES ('TIMPORT'), ('TRAW')`);
    const ctx = testContext(db, { workspaceId: 'TIMPORT', today: '2026-03-02' });
    const t0 = now();
    const count = await importProjectsCsv(ctx, text, 'projects.csv');
    const dt = now() - t0;
    // Anchor: the same rows, already as arrays, in one statement.
    const idx = Array.from({ length: n }, (_, k) => k + 1);
    const a0 = now();
    await db.query(
      `INSERT INTO project (workspace_id, number, slug, name, deal_code, stage, cost_usd, sector, notice_on, due_on, channel_id)
       SELECT 'TRAW', i, 'import-' || i, 'Import ' || i || ', energy', CASE WHEN i % 2 = 1 THEN 'JP' ELSE 'KR' END,
              CASE WHEN i % 3 = 0 THEN 'selected' ELSE 'candidate' END, (i % 90 + 1)::bigint * 100000000, 'energy',
              CASE WHEN i % 3 = 0 THEN date '2025-10-01' + i % 300 END, CASE WHEN i % 3 = 0 THEN date '2025-12-01' + i % 300 END, 'C0IMPORT' || i % 40
       FROM unnest($1::int[]) AS i`,
      [idx],
    );
    const anchor = now() - a0;
    const rate = (count / dt) * 1000;
    rows.push([engine, int(count), ms(anchor), ms(dt), ratio(dt, anchor), int(rate), int((n / anchor) * 1000), rate >= 20_000 ? 'met' : 'NOT met']);
    await db.close();
  }
  // The command end to end on PGlite (first run of a data folder: includes creating it).
  const dir = mkdtempSync(join(tmpdir(), 'dealclock-bench-import-'));
  try {
    const t0 = now();
    const r = spawnSync(process.execPath, ['bin/dealclock.js', 'import', file], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, DEALCLOCK_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', DATABASE_URL: '', SLACK_BOT_TOKEN: '' },
      encoding: 'utf8',
    });
    const dt = now() - t0;
    if (r.status !== 0) note(`  [import] CLI failed: ${r.stderr.slice(0, 300)}`);
    rows.push([
      'pglite, `dealclock import` CLI (new folder, start-up included)',
      int(n),
      '–',
      ms(dt),
      '–',
      int((n / dt) * 1000),
      '–',
      (n / dt) * 1000 >= 20_000 ? 'met' : 'NOT met',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  table(
    `Import of a ${int(n)}-row CSV (ms)`,
    ['engine', 'rows', 'anchor: raw INSERT…SELECT', 'importProjectsCsv', 'ratio', 'rows/s', 'anchor rows/s', 'goal ≥ 20,000 rows/s'],
    rows,
  );
}
