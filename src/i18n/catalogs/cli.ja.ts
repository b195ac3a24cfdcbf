/** 日本語。Keys and arguments are those of cli.en.ts; merged into ja.ts. */
import type { cliEn } from './cli.en.ts';

export const cliJa: Record<keyof typeof cliEn, string> = {
  'cli.usage': '使い方：{usage}',
  'cli.unknown_command': '`{name}` というコマンドはありません。',
  'cli.failed': 'dealclock {command} を実行できませんでした：{message}',
  'cli.wait_aborted':
    'dealclock {command}：{when, select, opening {データベースを開いている間に停止しました} other {データベースの起動を待っている間に停止しました}}',
  'cli.summary.start':
    'ボットの起動。`SLACK_BOT_TOKEN`（または OAuth）が設定されていれば Slack、なければローカルシェルで動作し、日次の確認も同じプロセスで実行',
  'cli.summary.shell': 'ローカルシェル。端末またはパイプから `/invest` の行を入力（日次の確認は行わない）',
  'cli.summary.run': 'コマンドを1つ実行。例：`dealclock run "deadline 2026-02-17 deal=JP"`',
  'cli.summary.timeline': '進行中の出資期限の PNG 画像（既定では現在のフォルダにファイルを作成し、そのパスを表示）',
  'cli.summary.check': 'リマインダーの処理を1回実行（計画してから投稿）。今日または指定日の時点で行い、終了する',
  'cli.summary.migrate': 'データベースのマイグレーションを適用（起動時にも毎回実行）',
  'cli.summary.import': '案件の取り込み（すべて取り込むか、1件も取り込まないか）',
  'cli.summary.export': '案件の書き出し（ファイルを指定しなければ標準出力へ）',
  'cli.summary.import-baselines': '関税の輸入基準値の取り込み（列は `deal,category,annual_usd,year,source_url,basis`。すべて取り込むか、1件も取り込まないか）',
  'cli.summary.export-audit': '監査記録の CSV 出力（ファイルを指定しなければ標準出力へ）',
  'cli.summary.export-ics': '出資期日の iCalendar ファイル。カレンダーフィードと同じ内容（ファイルを指定しなければ標準出力へ）',
  'cli.summary.data': '公開情報のパック：このワークスペースのパックと、パックを適用した場合の変更点。パックの適用（ここで編集した項目は保持）',
  'cli.summary.backup': '組み込みデータベースをファイルにバックアップ',
  'cli.summary.restore': 'バックアップから組み込みデータベースを復元（`--force` なしでは既存のデータを置き換えない）',
  'cli.summary.rotate-key': '保存済みの Slack トークンを `DEALCLOCK_ENCRYPTION_KEY` の鍵で暗号化し直す（鍵の切り替え後）',

  'cli.migrate.applied': 'マイグレーションを適用しました：{names}',
  'cli.migrate.up_to_date': 'データベースは最新です。',
  'cli.import.projects': '{file} から案件{n}件を取り込みました。',
  'cli.export.projects': '案件{n}件を {file} に書き出しました。',
  'cli.import.baselines': '{file} から輸入基準値{n}件を取り込みました。',
  'cli.export.audit': '監査記録{n}件を {file} に書き出しました。',
  'cli.backup.done': '組み込みデータベースを {file} にバックアップしました（{size} MB）。',
  'cli.restore.done': '{file} から {dir} を復元しました。',
  'cli.export_ics.done': '予定{n}件を {file} に書き出しました。',
  'cli.rotate_key.no_key': '{variable} が設定されていないため、切り替え先の鍵がありません。',
  'cli.rotate_key.done': '保存済みのトークン{n}件を鍵 {key} で暗号化し直しました{failed, plural, =0 {} other {。#件は復号できませんでした（ログを参照）}}。',
  'cli.data.shipped': '{path}（このリリースに同梱）',

  'cli.check.planned': '{today}の確認：リマインダー{milestones}件、未送信分のまとめ{catchups}件、ダイジェスト{digests}件を予定',
  'cli.check.not_yet': '{today}の確認：リマインダーの送信時刻前のため、予定はまだありません',
  'cli.check.cancelled': '取り消し{n}件',
  'cli.check.requeued': '失敗分{n}件を送信待ちに戻しました',
  'cli.check.sent': '投稿{sent}件、投稿済みを確認{recovered}件、失敗{failed}件、送信時の取り消し{cancelled}件、延期{deferred}件',
  'cli.check.would_post': '投稿予定{n}件（試行のため、何も書き込んでいません）',
  'cli.check.separator': '。',
  'cli.check.end': '{clauses}。',
  'cli.check.would_post_to': '── 投稿先：{channel, select, none {チャンネルなし} other {#{channel}}} · リマインダー #{id} ──',
  'cli.posted_to': '── 投稿先：#{channel} ──',
  'cli.check.would_cancel': '（リマインダー #{id} は取り消し予定：{reason}）',
  'cli.check.cancel_reason':
    '{reason, select, gone {案件が存在しません} stopped {出資期限の計算が終了しました（{stage}）} moved {{due, select, none {出資期日がなくなりました} other {出資期日が{due}に変わりました}}} no_notice {案件に選定通知の日付がありません} all_posted {未送信の節目はすべて投稿済みです} unsubscribed {購読が解除されました} other {{reason}}}',
};
