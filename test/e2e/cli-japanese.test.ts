/**
 * The `dealclock` command line's own lines in Japanese (`--lang ja`, DEALCLOCK_LOCALE=ja):
 * help, refusals, migrate, import, export, `check`, `data status` / `data apply`, run as a
 * user runs them; and the same lines in English as they always were. One data folder,
 * one process per command, in order (the embedded database has one process at a time).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { readMigrations } from '../../src/db/migrate.ts';
import { serverUrl } from '../helpers/db.ts';
import { BIN, userEnv } from '../helpers/process.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealclock-cli-ja-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = userEnv(join(dir, 'data'), {
  LOG_LEVEL: 'warn',
  ...(serverUrl ? { DATABASE_URL: serverUrl, DEALCLOCK_WORKSPACE: `Tclija${randomBytes(4).toString('hex')}` } : {}),
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, ...extra }, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Latin words of four letters or more left in Japanese output, once what is typed or named
 * as it is has been taken out: text in backticks, `dealclock …` command lines, file paths
 * and names, slugs, IDs and settings in capitals, product names.
 */
function englishLeft(text: string): string[] {
  const stripped = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/dealclock( [\x21-\x7e]+)*/g, ' ')
    .replace(/[\x21-\x7e]*[/.][\x21-\x7e]*/g, ' ')
    .replace(/[a-z0-9]+(-[a-z0-9]+)+/g, ' ')
    .replace(/\b[A-Z][A-Z0-9_+=-]*\b/g, ' ');
  return (stripped.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !['Slack', 'OAuth', 'iCalendar'].includes(w));
}

describe('dealclock in Japanese', () => {
  it('help and an unknown command, before any configuration or database', async () => {
    const help = await cli(['help'], { DEALCLOCK_LOCALE: 'ja' });
    expect(help.code).toBe(0);
    const lines = help.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('使い方：dealclock <command>');
    expect(lines).toContain(`  ${'import <file.csv>'.padEnd(44)} 案件の取り込み（すべて取り込むか、1件も取り込まないか）`);
    expect(lines).toContain(`  ${'migrate'.padEnd(44)} データベースのマイグレーションを適用（起動時にも毎回実行）`);
    // Every command, its usage as typed, then its summary in Japanese.
    expect(lines).toHaveLength(COMMANDS.length + 1);
    COMMANDS.forEach((c, i) => {
      const line = lines[i + 1]!;
      expect(line.startsWith(`  ${c.usage} `)).toBe(true);
      const summary = line.slice(c.usage.length + 2).trim();
      expect(summary, c.name).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(englishLeft(summary), c.name).toEqual([]);
    });

    const unknown = await cli(['--lang', 'ja', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`\`frobnicate\` というコマンドはありません。\n${help.stdout}`);

    // A language the configuration would refuse: help is in English, as it was.
    const english = await cli(['--help'], { DEALCLOCK_LOCALE: 'fr' });
    expect(english.code).toBe(0);
    expect(english.stdout.split('\n')[0]).toBe('Usage: dealclock <command>');
    expect(english.stdout).toContain(`  ${'import <file.csv>'.padEnd(44)} import projects (all or nothing)\n`);

    // A usage error of a command that needs no database.
    const usage = await cli(['restore', '--lang=ja']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('使い方：dealclock restore <file.tar.gz> [--force]\n');
    expect((await cli(['restore'])).stderr).toBe('Usage: dealclock restore <file.tar.gz> [--force]\n');
  }, 120_000);

  it('migrate, import, export, check (dry run and not), data status and apply; the shell user’s own language does not change them', async () => {
    const migrated = await cli(['migrate', '--lang', 'ja']);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    if (!serverUrl)
      expect(migrated.stdout).toBe(
        `マイグレーションを適用しました：${readMigrations()
          .map((m) => m.name)
          .join(', ')}\n`,
      );
    const again = await cli(['migrate'], { DEALCLOCK_LOCALE: 'ja' });
    expect(again.stdout).toBe('データベースは最新です。\n');

    writeFileSync(
      join(dir, 'projects.csv'),
      'slug,name,deal,stage,notice_on,channel_id\ntokyo-h2,東京湾水素サプライチェーン,JP,selected,2026-02-17,C0TOKYO01\nosaka-grid,大阪送電網,JP,candidate,,\n',
    );
    const imported = await cli(['import', 'projects.csv', '--lang', 'ja']);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('projects.csv から案件2件を取り込みました。\n');

    const exported = await cli(['export', 'out.csv'], { DEALCLOCK_LOCALE: 'ja' });
    expect(exported.stdout).toBe('案件2件を out.csv に書き出しました。\n');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toContain('tokyo-h2,東京湾水素サプライチェーン,JP,selected');

    // 30 business days left on 2026-03-11: one reminder would be posted.
    const dry = await cli(['check', '--dry-run', '--date', '2026-03-11', '--lang', 'ja']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    // The reminder's number is the ledger's serial, which other files move on a shared server.
    const own = dry.stdout
      .split('\n')
      .filter((l) => l.startsWith('── ') || l.includes('の確認'))
      .map((l) => l.replace(/ #\d+ ──$/, ' #<id> ──'));
    expect(own).toEqual([
      '── 投稿先：#C0TOKYO01 · リマインダー #<id> ──',
      '2026年3月11日の確認：リマインダー1件、未送信分のまとめ0件、ダイジェスト0件を予定。投稿予定1件（試行のため、何も書き込んでいません）。',
    ]);
    // The reminder itself, in the channel's language (DEALCLOCK_LOCALE here).
    expect(dry.stdout).toContain('東京湾水素サプライチェーン：残り30営業日');

    const status = await cli(['data', 'status', '--lang', 'ja']);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    const statusLines = status.stdout.split('\n');
    expect(statusLines.slice(0, 5)).toEqual([
      '',
      '公開情報',
      '────────',
      'このワークスペースは公開情報なしで開始しました（DEALCLOCK_PUBLIC_DATA=off）。',
      expect.stringMatching(
        /^data\/public-data\.json（このリリースに同梱）：パック \d{4}\.\d{2}\.\d{2}(\.\d+)?（\d{4}年\d{1,2}月\d{1,2}日（[月火水木金土日]）時点）$/,
      ),
    ]);
    // The lines naming the pack's records are the pack's own data, quoted as they are.
    const words = statusLines.filter((l) => !/^\s*[•…]/.test(l) && !/^\s+… /.test(l)).join('\n');
    expect(englishLeft(words)).toEqual([]);
    const apply = await cli(['data', 'apply', '--dry-run', '--lang', 'ja']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const applyLines = apply.stdout.trimEnd().split('\n');
    expect(applyLines[0]).toMatch(/^パック \d{4}\.\d{2}\.\d{2}(\.\d+)?（\d{4}年\d{1,2}月\d{1,2}日時点）：data\/public-data\.json（このリリースに同梱）$/);
    expect(applyLines.at(-1)).toBe('確認のみ（`--dry-run`）：何も書き込んでいません。');
    const applyWords = applyLines.filter((l) => !/^\s*[•…]/.test(l)).join('\n');
    for (const text of [migrated.stdout, again.stdout, imported.stdout, exported.stdout, own.join('\n'), applyWords]) expect(englishLeft(text)).toEqual([]);

    // The shell user reads Japanese; the command line without --lang stays English.
    expect((await cli(['run', 'lang ja'])).code).toBe(0);
    const englishDry = await cli(['check', '--dry-run', '--date', '2026-03-11']);
    // (A dry run's reminder numbers are not given back: this one is the next.)
    expect(englishDry.stdout.split('\n').filter((l) => l.startsWith('── ') || l.startsWith('Check for'))).toEqual([
      expect.stringMatching(/^── would post to #C0TOKYO01 · reminder #\d+ ──$/),
      'Check for 2026-03-11: planned 1 reminder(s), 0 catch-up(s), 0 digest(s); would post 1 (dry run: nothing was written).',
    ]);
    // Without Slack, reminders print where they would be posted, under a line in the CLI's language.
    const sent = await cli(['check', '--date', '2026-03-11'], { DEALCLOCK_LOCALE: 'ja' });
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout.split('\n').filter((l) => l.startsWith('── ') || l.includes('の確認'))).toEqual([
      '── 投稿先：#C0TOKYO01 ──',
      '2026年3月11日の確認：リマインダー1件、未送信分のまとめ0件、ダイジェスト0件を予定。投稿1件、投稿済みを確認0件、失敗0件、送信時の取り消し0件、延期0件。',
    ]);
    const englishExport = await cli(['export', 'out-en.csv']);
    expect(englishExport.stdout).toBe('Exported 2 projects to out-en.csv.\n');
    const englishStatus = await cli(['data', 'status']);
    expect(englishStatus.stdout).toMatch(
      /^data\/public-data\.json \(shipped with this release\): pack \d{4}\.\d{2}\.\d{2}(\.\d+)?, as of \w{3} \d{4}-\d{2}-\d{2}\.$/m,
    );
  }, 300_000);
});
