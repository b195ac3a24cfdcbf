/**
 * Public data: what the first start of a workspace pays to load the pack, and what every
 * later start pays to find out there is nothing to load (one query). Also `data status`
 * (reading and planning the pack against a loaded workspace) and a repeated `data apply`.
 * Each row is the median of five runs on a fresh workspace; the anchor is one `list`.
 */
import { executeCommand } from '../src/commands/router.ts';
import { createLogger } from '../src/log.ts';
import { createContext } from '../src/usecases/context.ts';
import { loadPublicDataOnce } from '../src/usecases/public-data/first-load.ts';
import { readPack, SHIPPED_PACK_FILE } from '../src/usecases/public-data/pack.ts';
import { applyPackFile, publicDataStatus } from '../src/usecases/public-data/status.ts';
import { benchDatabase, engines, ms, now, ratio, table } from './lib.ts';

const RUNS = 5;
const logger = createLogger({ level: 'silent' });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = now();
  await fn();
  return now() - t;
}

export async function publicDataBench(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const engine of await engines()) {
    const db = await benchDatabase(engine, 'bench_public_data');
    const samples: Record<string, number[]> = { read: [], first: [], again: [], status: [], apply: [], list: [] };
    for (let i = 0; i < RUNS; i++) {
      const ctx = createContext({
        db,
        workspaceId: `TPUB${engine}${i}`,
        actor: { userId: 'bench', source: 'cli', isAdmin: true },
        today: '2026-11-30',
        commandName: '/invest',
        logger,
      });
      samples.read!.push(await timed(async () => readPack(SHIPPED_PACK_FILE, ['JP', 'KR'])));
      samples.first!.push(await timed(() => loadPublicDataOnce(ctx, { enabled: true })));
      samples.again!.push(await timed(() => loadPublicDataOnce(ctx, { enabled: true })));
      samples.status!.push(await timed(() => publicDataStatus(ctx)));
      samples.apply!.push(await timed(() => applyPackFile(ctx, SHIPPED_PACK_FILE)));
      samples.list!.push(await timed(() => executeCommand('list', ctx)));
    }
    const anchor = median(samples.list!);
    const label: Record<string, string> = {
      read: 'read and validate the pack file',
      first: 'first start: load the pack (8 projects, 25 events, 16 regimes, 2 baselines, 2 closures)',
      again: 'later start: nothing to load (one query)',
      status: '`data status`: read the pack, plan it against the workspace',
      apply: '`data apply` of the same pack (plans, writes nothing)',
      list: 'anchor: `list` of the 8 projects',
    };
    for (const key of Object.keys(label)) rows.push([engine, label[key]!, ms(median(samples[key]!)), ratio(median(samples[key]!), anchor)]);
    await db.close();
  }
  table('Public data (median of 5, ms)', ['engine', 'step', 'ms', 'vs list'], rows);
}

if (process.argv[1]?.endsWith('public-data.ts')) await publicDataBench();
