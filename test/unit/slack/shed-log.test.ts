/** Work that is not run is logged at most once per window, with the counts: a flood sheds thousands a second. */
import { expect, it } from 'vitest';
import { createLogger } from '../../../src/log.ts';
import { notRunText, shedLog } from '../../../src/slack/command-queue.ts';

it('logs the first shed at once, then one line per window with the counts since', async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const log = shedLog(logger, 500, 50, 50);
  for (let i = 0; i < 1000; i++) log(i % 2 ? 'full' : 'user_full');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: 'warn', notRun: { user_full: 1 }, maxQueued: 500 });
  await new Promise((r) => setTimeout(r, 80));
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatchObject({ notRun: { full: 500, user_full: 499, expired: 0, shutdown: 0 } });
  // A quiet window logs nothing; the next shed is logged at once again.
  await new Promise((r) => setTimeout(r, 80));
  expect(lines).toHaveLength(2);
  log('expired');
  await new Promise((r) => setTimeout(r, 120));
  expect(lines).toHaveLength(3);
  expect(lines[2]).toMatchObject({ notRun: { expired: 1 } });
});

it('says that nothing was changed and to send it again, whatever the reason', () => {
  for (const reason of ['full', 'user_full', 'expired', 'shutdown'] as const) {
    expect(notRunText(reason, 120)).toMatch(/Nothing was changed|nothing was changed/);
    expect(notRunText(reason, 120)).toMatch(/try again|send it again/);
  }
  expect(notRunText('expired', 120)).toContain('2 minutes');
  expect(notRunText('shutdown', 120)).toContain('The bot restarted before running this');
});
