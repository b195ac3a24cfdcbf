/**
 * The ops channel's report of a reminder or digest given up on: what it was, where it
 * should have gone and why, in the ops channel's language, with the way to send it again.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/translator.ts';
import { failureReport, type FailureReport } from '../../../src/reminders/message.ts';

const reminder = { id: 41, kind: 'milestone', milestone: 'remaining:5', period: null, projectId: 7 } as const;
const digest = { id: 42, kind: 'digest', milestone: null, period: 'week:2026-03-09', projectId: null } as const;

function text(locale: 'en' | 'ja', f: FailureReport): string {
  return failureReport(translator(locale), f).text;
}

describe('failure report', () => {
  it('names the milestone, the project by slug, the channel and the error, in English', () => {
    expect(text('en', { reminder, slug: 'texas-gulflink', channelId: 'C0DEALS01', error: 'channel_not_found' })).toBe(
      ':warning: Reminder #41 (5 business days left for `texas-gulflink`) could not be delivered to <#C0DEALS01>: channel_not_found. It was not posted; fix the cause, then requeue it with `dealclock check --retry-failed`.',
    );
  });

  it('in Japanese', () => {
    expect(text('ja', { reminder, slug: 'texas-gulflink', channelId: 'C0DEALS01', error: 'channel_not_found' })).toBe(
      ':warning: リマインダー #41（`texas-gulflink` の「残り5営業日」）を送信できませんでした（送信先 <#C0DEALS01>）：channel_not_found。投稿していません。原因を解消してから `dealclock check --retry-failed` で再送してください。',
    );
  });

  it("a digest by its period in the reader's words; a deleted project by its internal id; no channel", () => {
    expect(text('en', { reminder: digest, slug: undefined, channelId: 'C0DEALS01', error: 'not_in_channel' })).toContain(
      'Reminder #42 (weekly digest for the week of Mon 2026-03-09) could not be delivered to <#C0DEALS01>: not_in_channel.',
    );
    expect(text('ja', { reminder: { ...digest, period: 'day:2026-03-11' }, slug: undefined, channelId: undefined, error: 'x' })).toContain(
      'リマインダー #42（2026年3月11日（水） の日次ダイジェスト）を送信できませんでした：x。',
    );
    expect(text('en', { reminder, slug: undefined, channelId: undefined, error: 'x' })).toContain('(5 business days left for `7`) could not be delivered: x.');
  });

  it('escapes what Slack said, so an error text cannot ping or link', () => {
    expect(text('en', { reminder, slug: 'p', channelId: undefined, error: '<!channel> boom' })).toContain('&lt;!channel&gt; boom');
  });
});
