/**
 * The command line's own lines: in English word for word what they were before they came
 * from the catalogue (scripts may read them), and in Japanese. The lines no end-to-end test
 * prints (backup, restore, rotate-key, a stopped wait, a send) are checked here.
 */
import { DatabaseWaitAborted } from '../../../src/db/wait.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localeBeforeConfig, usageText } from '../../../src/cli/usage.ts';
import { COMMANDS } from '../../../src/cli/commands.ts';
import { translator } from '../../../src/i18n/translator.ts';
import { describeCheck, type CheckResult } from '../../../src/reminders/check.ts';

const en = translator('en');
const ja = translator('ja');

describe('CLI lines in English, as they were', () => {
  it.each([1, 2])('counts of %i', (n) => {
    const s = n === 1 ? '' : 's';
    expect(en.text('cli.import.projects', { n, file: 'a.csv' })).toBe(`Imported ${n} project${s} from a.csv.`);
    expect(en.text('cli.export.projects', { n, file: 'a.csv' })).toBe(`Exported ${n} project${s} to a.csv.`);
    expect(en.text('cli.import.baselines', { n, file: 'b.csv' })).toBe(`Imported ${n} baseline${s} from b.csv.`);
    expect(en.text('cli.export.audit', { n, file: 'c.csv' })).toBe(`Exported ${n} audit event${s} to c.csv.`);
    expect(en.text('cli.export_ics.done', { n, file: 'd.ics' })).toBe(`Wrote ${n} event${s} to d.ics.`);
    expect(en.text('cli.rotate_key.done', { n, key: 'k2', failed: 0 })).toBe(`Re-encrypted ${n} token${s} under key k2.`);
  });

  it('the other lines', () => {
    expect(en.text('cli.rotate_key.done', { n: 3, key: 'k2', failed: 2 })).toBe('Re-encrypted 3 tokens under key k2; 2 could not be decrypted (see the log).');
    expect(en.text('cli.rotate_key.no_key', { variable: 'DEALCLOCK_ENCRYPTION_KEY' })).toBe(
      'DEALCLOCK_ENCRYPTION_KEY is not set: there is no key to rotate to.',
    );
    expect(en.text('cli.backup.done', { file: 'b.tar.gz', size: '12.5' })).toBe('Backed up the embedded database to b.tar.gz (12.5 MB).');
    expect(en.text('cli.restore.done', { dir: './.dealclock', file: 'b.tar.gz' })).toBe('Restored ./.dealclock from b.tar.gz.');
    expect(en.text('cli.migrate.applied', { names: '0001_core.sql, 0002_tariffs.sql' })).toBe('Applied 0001_core.sql, 0002_tariffs.sql');
    expect(en.text('cli.failed', { command: 'export', message: 'boom' })).toBe('dealclock export failed: boom');
    expect(en.text('cli.wait_aborted', { command: 'start', when: 'waiting' })).toBe('dealclock start: stopped while waiting for the database');
    expect(en.text('cli.wait_aborted', { command: 'check', when: 'opening' })).toBe('dealclock check: stopped while the database was opening');
    // The log and the line say the same thing.
    for (const when of ['waiting', 'opening'] as const) {
      expect(en.text('cli.wait_aborted', { command: 'x', when })).toBe(`dealclock x: ${new DatabaseWaitAborted(when).message}`);
    }
    expect(en.text('cli.data.shipped', { path: 'data/public-data.json' })).toBe('data/public-data.json (shipped with this release)');
  });

  it('the usage, its summaries starting in one column', () => {
    const text = usageText(en);
    expect(text.split('\n')[0]).toBe('Usage: dealclock <command>');
    expect(text).toContain(`\n  ${'rotate-key'.padEnd(44)} re-encrypt stored Slack tokens under DEALCLOCK_ENCRYPTION_KEY (after a rotation)`);
    expect(text.split('\n')).toHaveLength(COMMANDS.length + 1);
  });

  it('why the dry run would cancel a reminder: the words the ledger keeps', () => {
    const reason = (args: Record<string, string>) => en.text('cli.check.cancel_reason', { stage: '', ...args });
    expect(reason({ reason: 'gone' })).toBe('the project no longer exists');
    expect(reason({ reason: 'stopped', stage: en.text('stage.name', { stage: 'funded' }) })).toBe('the clock stopped (funded)');
    expect(reason({ reason: 'moved', due: '2026-05-01' })).toBe('the due date moved to 2026-05-01');
    expect(reason({ reason: 'moved', due: 'none' })).toBe('the due date moved to none');
    expect(reason({ reason: 'no_notice' })).toBe('the project has no notice date');
    expect(reason({ reason: 'all_posted' })).toBe('every missed milestone was already posted');
    expect(reason({ reason: 'unsubscribed' })).toBe('unsubscribed');
    expect(en.text('cli.check.would_cancel', { id: '12', reason: 'unsubscribed' })).toBe('(would cancel reminder #12: unsubscribed)');
    expect(en.text('cli.check.would_post_to', { channel: 'none', id: '3' })).toBe('── would post to (no channel) · reminder #3 ──');
    expect(en.text('cli.posted_to', { channel: 'C0TEST' })).toBe('── to #C0TEST ──');
  });
});

const planned = { planned: true, milestones: 2, catchups: 1, digests: 0, cancelled: 1 };
const sendPass = {
  today: '2026-03-11',
  planned,
  requeued: 3,
  sent: { sent: 2, recovered: 1, failed: 0, cancelled: 0, deferred: 1 },
} as unknown as CheckResult;

describe('the summary of `dealclock check`', () => {
  it('in English, as it was', () => {
    expect(describeCheck(sendPass, en)).toBe(
      'Check for 2026-03-11: planned 2 reminder(s), 1 catch-up(s), 0 digest(s); cancelled 1; requeued 3 failed; posted 2, found already posted 1, failed 0, cancelled at send 0, deferred 1.',
    );
    const early = { today: '2026-03-11', planned: { planned: false, cancelled: 0 }, wouldPost: 0 } as unknown as CheckResult;
    expect(describeCheck(early, en)).toBe('Check for 2026-03-11: before the reminder time: nothing planned yet; would post 0 (dry run: nothing was written).');
  });

  it('in Japanese', () => {
    expect(describeCheck(sendPass, ja)).toBe(
      '2026年3月11日の確認：リマインダー2件、未送信分のまとめ1件、ダイジェスト0件を予定。取り消し1件。失敗分3件を送信待ちに戻しました。投稿2件、投稿済みを確認1件、失敗0件、送信時の取り消し0件、延期1件。',
    );
  });
});

describe('CLI lines in Japanese', () => {
  it('rotate-key, backup, restore, a stopped wait, a failure', () => {
    expect(ja.text('cli.rotate_key.done', { n: 3, key: 'k2', failed: 2 })).toBe(
      '保存済みのトークン3件を鍵 k2 で暗号化し直しました。2件は復号できませんでした（ログを参照）。',
    );
    expect(ja.text('cli.rotate_key.done', { n: 1, key: 'k2', failed: 0 })).toBe('保存済みのトークン1件を鍵 k2 で暗号化し直しました。');
    expect(ja.text('cli.backup.done', { file: 'b.tar.gz', size: '12.5' })).toBe('組み込みデータベースを b.tar.gz にバックアップしました（12.5 MB）。');
    expect(ja.text('cli.restore.done', { dir: './.dealclock', file: 'b.tar.gz' })).toBe('b.tar.gz から ./.dealclock を復元しました。');
    expect(ja.text('cli.wait_aborted', { command: 'start', when: 'waiting' })).toBe('dealclock start：データベースの起動を待っている間に停止しました');
    expect(ja.text('cli.failed', { command: 'export', message: 'boom' })).toBe('dealclock export を実行できませんでした：boom');
    expect(ja.text('cli.check.cancel_reason', { reason: 'stopped', stage: ja.text('stage.name', { stage: 'funded' }) })).toBe(
      '出資期限の計算が終了しました（出資済み）',
    );
    expect(ja.text('cli.check.cancel_reason', { reason: 'moved', due: 'none' })).toBe('出資期日がなくなりました');
  });

  it('the usage: summaries in Japanese, usages as typed', () => {
    const lines = usageText(ja).split('\n');
    expect(lines[0]).toBe('使い方：dealclock <command>');
    expect(lines[1]).toBe(
      `  ${'start'.padEnd(44)} ボットの起動。\`SLACK_BOT_TOKEN\`（または OAuth）が設定されていれば Slack、なければローカルシェルで動作し、日次の確認も同じプロセスで実行`,
    );
  });
});

describe('the language before the configuration is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dealclock-cli-locale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const envFile = join(dir, '.env');
  writeFileSync(envFile, 'DEALCLOCK_LOCALE=ja\n');

  it('is DEALCLOCK_LOCALE from the environment, else the .env file, else English; a language we do not speak is English', () => {
    expect(localeBeforeConfig({ DEALCLOCK_LOCALE: 'ja' }, join(dir, 'none'))).toBe('ja');
    expect(localeBeforeConfig({}, envFile)).toBe('ja');
    expect(localeBeforeConfig({ DEALCLOCK_LOCALE: 'en' }, envFile)).toBe('en');
    expect(localeBeforeConfig({}, join(dir, 'none'))).toBe('en');
    expect(localeBeforeConfig({ DEALCLOCK_LOCALE: 'fr' }, envFile)).toBe('en');
    expect(localeBeforeConfig({ DEALCLOCK_LOCALE: 'ja-JP' }, envFile)).toBe('en');
  });
});
