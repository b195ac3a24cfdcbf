/**
 * ユーザーエラーの日本語文面。One entry per `ErrorCode` (core/errors.ts has the English
 * ones); the compiler refuses a code without its Japanese. Arguments are the error's
 * details; a list detail arrives already joined (`a`、`b`).
 */
import type { ErrorCode } from '../../core/errors.ts';

export const errorsJa: Record<ErrorCode, string> = {
  input_too_long: 'コマンドが長すぎます（{length}文字。上限は{max}文字）。',
  control_characters: 'コマンドに制御文字が含まれています。通常のテキストとして入力し直してください。',
  unbalanced_quote: '{position}文字目で始まった引用符が閉じられていません。`add "Texas GulfLink"` のように閉じてください。',
  unknown_subcommand: '`{word}` というコマンドはありません。{suggestion, select, none {} other {`{suggestion}` のことですか？}}一覧は `help` で確認できます。',
  missing_argument: '`{subcommand}` には{what}の指定が必要です。使い方：`{usage}`',
  unexpected_argument: '`{subcommand}` は `{word}` を受け付けません。使い方：`{usage}`',
  unknown_option: '`{subcommand}` に `{key}=` というオプションはありません。指定できるもの：{allowed}',
  duplicate_option: '`{key}=` が2回指定されています。1回だけ指定してください。',
  invalid_date: '`{value}` は日付として読めません。YYYY-MM-DD（例: `2026-02-17`）、`2026年2月17日`、`today`、`yesterday` のいずれかで指定してください。',
  date_out_of_range: '{value} は対応範囲（{min}〜{max}）外の日付です。',
  invalid_money: '`{value}` は金額として読めません。`21億ドル`、`2.1B`、`$2.1bn`、`600M`、`US$33bn` のように指定してください。',
  invalid_number: '`{value}` は{what}として正しくありません。{hint}',
  invalid_value: '`{key}={value}` は正しくありません：{reason}',
  invalid_name: 'この案件名は使えません：{reason}',
  project_not_found: '`{ref}` に該当する案件はありません。{suggestions, select, none {} other {{suggestions} のことですか？}}一覧は `list` で確認できます。',
  ambiguous_project: '`{ref}` は複数の案件に該当します：{matches}。名称をもう少し詳しく入力してください。',
  duplicate_project: 'スラッグ `{slug}` の案件は既にあります。別の名称にするか、`slug=…` を指定してください。',
  invalid_stage_move: '`{slug}` は現在「{from}」のため、「{to}」にはできません。{reason}',
  unknown_deal: '`{value}` という枠組みはありません。枠組み：{allowed}',
  unknown_calendar: '`{value}` はカレンダーではありません。カレンダー：{allowed}、または `US-FRB+JP-BANK` のような合成カレンダー。',
  unknown_stage: '`{value}` は段階ではありません。段階：{allowed}',
  nothing_to_change: '変更する項目がありません。`edit {slug} cost=21億ドル sector=energy` のように指定してください。',
  due_before_floor: '出資期日 {due} は45営業日の最短出資日 {floor} より前です。',
  feed_not_found: 'このワークスペースに有効なカレンダーフィード #{id} はありません。`feed list` で一覧を確認できます。',
  permission_denied: '{action}ことができるのは {who} のみです。閲覧はすべて可能です。',
  csv_invalid: '{file} の{line}行目{column, select, none {} other {、{column}列目}}：{reason}。何も取り込んでいません。',
  file_error: '`{file}` を{action}できません：{reason}',
  restore_refused:
    '{dir} の組み込みデータベースには既にデータ（{what}）があります。置き換える場合は `dealclock restore {file} --force` を実行してください（現在のデータは `{dir}/pgdata.before-restore-…` に残ります）。',
  backup_invalid: '`{file}` は dealclock のバックアップではありません（{reason}）。何も変更していません。',
  embedded_only: '`{command}` は組み込みデータベースでのみ使えます。DATABASE_URL を使う場合はサーバー側のツール（`pg_dump` / `pg_restore`）を使ってください。',
  pack_invalid: '{file} は正しい公開情報パックではありません。何も変更していません。\n{problems}',
  pack_older:
    '{file}（バージョン {version}、{asOf}時点）は、このワークスペースの公開情報（バージョン {current}、{currentAsOf}時点）より古いため、何も変更していません。適用する場合は `--allow-older` を付けてください。',
  database_locked:
    '{dir} の組み込みデータベースは別の dealclock プロセス（{holder}）が使用中です。先にそれを停止するか、DEALCLOCK_DATA_DIR に別のフォルダを指定してください。{hint}',
  hidden_character:
    '`{value}` の{position}文字目に{kind, select, mark {結合文字（{codePoint}、前の文字に付く記号）} bidi {表示順を変える双方向制御文字（{codePoint}）} other {見えない文字（{codePoint}）}}が含まれているため、見た目どおりの値とは限りません。その文字を除いて入力し直してください。',
  wrong_weekday: '`{value}`：{date} は{actualJa}曜日で、{givenJa}曜日ではありません。日付を確認してください。',
  era_out_of_range: '`{value}` は{era}の期間（{start}〜{end}）にない日付です。年を確認するか、`YYYY-MM-DD` の形で指定してください。',
  invalid_japanese_amount:
    '`{value}` は金額として読めません。単位（兆・億・万）は大きい順に1回ずつ、それぞれの前に数字を付けて、`21億ドル`、`1兆2000億ドル`、`2,100万ドル` のように指定してください。',
  money_two_currencies:
    '`{value}` には通貨が2つ（{currencies}）指定されています。`21億ドル` のように1つにするか、円の場合はレートを付けて `3400億円@150` のように指定してください。',
  yen_needs_rate:
    '`{value}` は円建てです。金額は米ドルで管理するため、使用した為替レート（1ドルあたりの円）を `@` の後に付けて、`{example}`（1ドル＝150円）のように指定してください。',
  invalid_yen_rate:
    '`{value}`：`{rate}` は為替レート（1ドルあたり{min}〜{max}円）として読めません。`3400億円@150`、`3400億円@149.5` のように指定してください。',
  rate_without_yen:
    '`{value}`：`@` の後のレートは円をドルに換算するためのものですが、この金額は円建てではありません。`@…` を外すか、`3400億円@150` のように円で指定してください。',
};
