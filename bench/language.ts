/**
 * Replies in Japanese against the same replies in English: `show` (of a project typed in
 * the workspace, and of a public one with its events and sources), `status` and `list` run
 * through the command core on the same seeded database, interleaved so both languages see
 * the same machine state. And the Slack locale cache: a users.info per person per
 * lifetime, then answers from memory.
 */
import type { webApi } from '@slack/bolt';
import { executeCommand } from '../src/commands/router.ts';
import { createContext } from '../src/usecases/context.ts';
import { createLogger } from '../src/log.ts';
import { SlackLocaleCache } from '../src/slack/user-locale.ts';
import { loadPublicDataOnce } from '../src/usecases/public-data/first-load.ts';
import { benchDatabase, engines, int, ms, note, now, ratio, seedProjects, size, summary, table } from './lib.ts';

const TODAY = '2026-03-02';
const logger = createLogger({ level: 'silent' });

export async function languageBench(): Promise<void> {
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];
  const rounds = size(400, 60);
  for (const engine of await engines()) {
    const db = await benchDatabase(engine, 'dealclock_bench_language');
    const workspaceId = 'TBENCHLANG';
    await seedProjects(db, { workspaceId, count: size(10_000, 1_000), runningShare: 0.6 });
    // A public project's card reads its events, sources and, in Japanese, the pack's translations.
    await loadPublicDataOnce(
      createContext({
        db,
        workspaceId,
        locale: 'en',
        actor: { userId: 'UBENCH', source: 'shell', isAdmin: true },
        today: TODAY,
        commandName: '/invest',
        logger,
      }),
      {
        enabled: true,
      },
    );
    const context = (locale: 'en' | 'ja') =>
      createContext({
        db,
        workspaceId,
        locale,
        actor: { userId: 'UBENCH', source: 'shell', isAdmin: true },
        today: TODAY,
        commandName: '/invest',
        logger,
      });
    for (const text of ['show project-77', 'show portsmouth-powered-land', 'status', 'list deal=JP']) {
      const samples: Record<'en' | 'ja', number[]> = { en: [], ja: [] };
      for (let i = 0; i < rounds + 20; i++) {
        // Alternate which language goes first, so neither always meets a warm cache.
        for (const locale of i % 2 ? (['en', 'ja'] as const) : (['ja', 'en'] as const)) {
          const t0 = now();
          const reply = await executeCommand(text, context(locale));
          const dt = now() - t0;
          if (reply.isError) throw new Error(`${text} failed in ${locale}`);
          if (i >= 20) samples[locale].push(dt);
        }
      }
      const en = summary(samples.en);
      const ja = summary(samples.ja);
      const ok = ja.p50 <= 1.1 * en.p50;
      rows.push([engine, text, en.n, ms(en.p50), ms(ja.p50), ratio(ja.p50, en.p50), ms(en.p99), ms(ja.p99), ok ? 'met' : 'NOT met']);
      if (text.startsWith('show'))
        verdicts.push(`${engine}: show p50 ja ${ms(ja.p50)} ms vs en ${ms(en.p50)} ms (${ratio(ja.p50, en.p50)}; goal ≤ 1.10×): ${ok ? 'met' : 'NOT met'}`);
    }
    await db.close();
  }
  table(
    'Replies in Japanese vs English (the same command on the same data, interleaved; ms per command through the command core)',
    ['engine', 'command', 'n', 'en p50', 'ja p50', 'ja/en', 'en p99', 'ja p99', 'goal'],
    rows,
  );
  for (const v of verdicts) note(v);

  // The locale cache: 100 people, each asking 100 times.
  let calls = 0;
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        return { ok: true, user: { id: user, locale: user.endsWith('7') ? 'ja-JP' : 'en-US' } };
      },
    },
  } as unknown as webApi.WebClient;
  const cache = new SlackLocaleCache();
  const people = Array.from({ length: 100 }, (_, i) => `U${1000 + i}`);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < 100; round++) {
    for (const person of people) {
      const t0 = now();
      await cache.localeOf(client, 'TBENCH', person);
      (round === 0 ? cold : warm).push(now() - t0);
    }
  }
  const c = summary(cold);
  const w = summary(warm);
  table(
    'Slack locale lookup (users.info answering in 5 ms; 100 people × 100 commands)',
    ['lookups', 'users.info calls', 'first lookup p50', 'cached p50', 'cached p99'],
    [[int(cold.length + warm.length), int(calls), ms(c.p50), ms(w.p50 * 1000) + ' µs', ms(w.p99 * 1000) + ' µs']],
  );
  note(`locale cache: ${calls} users.info calls for ${cold.length + warm.length} lookups (one per person): ${calls === people.length ? 'met' : 'NOT met'}`);
}
