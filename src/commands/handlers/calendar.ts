import { parseCalendarId } from '../../calendar/calendars.ts';
import { formatDate, yearOf } from '../../core/civil-date.ts';
import { UserError } from '../../core/errors.ts';
import { joinMrkdwn, mrkdwn, plain } from '../../core/mrkdwn.ts';
import { context, header, reply, section } from '../../replies/reply.ts';
import { setCalendarOverride } from '../../usecases/calendar-overrides.ts';
import type { CommandContext } from '../../usecases/context.ts';
import { parseDateValue } from '../../core/values.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

export const calendar = defineSubcommand({
  name: 'calendar',
  usage: 'calendar [deal|calendar] [year] · calendar close|open|reset <calendar> <date> reason=…',
  summary: 'The closed days a clock uses; admins add or remove a closed day with a reason',
  examples: [
    'calendar',
    'calendar KR 2027',
    'calendar US-FRB+JP-BANK',
    'calendar close US-FRB 2026-12-24 reason="Executive order closure"',
    'calendar reset US-FRB 2026-12-24',
  ],
  mutates: false,
  mutatesWhen: (args) => ['close', 'open', 'reset'].includes(args.words[0]?.toLowerCase() ?? ''),
  options: ['reason'],
  async run(args, ctx) {
    const verb = args.words[0]?.toLowerCase();
    if (verb === 'close' || verb === 'open' || verb === 'reset') return changeOverride(verb, args.words.slice(1), args.options.reason, ctx);
    refuseExtraWords(calendar, args, 2);
    if (args.options.reason !== undefined)
      throw new UserError('unknown_option', { subcommand: 'calendar', key: 'reason', allowed: '`reason=` only with close, open or reset' });
    const deals = await ctx.deals();
    let id = deals.get('JP')?.clockCalendar ?? 'US-FRB+JP-BANK';
    let year = yearOf(ctx.today);
    // NFKC: `ＫＲ　２０２７` from a keyboard left in full-width mode.
    for (const word of args.words.map((w) => w.normalize('NFKC'))) {
      if (/^\d{4}$/.test(word)) year = Number(word);
      else if (deals.has(word.toUpperCase())) id = deals.get(word.toUpperCase())!.clockCalendar;
      else id = parseCalendarId(word).join('+');
    }
    const registry = await ctx.calendars();
    const cal = registry.get(id);
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    if (from < cal.firstDate || to > cal.lastDate) throw new UserError('date_out_of_range', { value: String(year), min: cal.firstDate, max: cal.lastDate });
    const closed = cal.closedDaysBetween(from, to);
    const overrides = (await ctx.store.overrides.list()).filter((o) => cal.parts.includes(o.calendar) && yearOf(o.date) === year);
    const lines = closed.map((d) => mrkdwn`• ${formatDate(d.date)} — ${d.name}`);
    const blocks = [header(plain`${cal.id} — closed weekdays in ${year}`)];
    for (let i = 0; i < lines.length; i += 25) blocks.push(section(joinMrkdwn(lines.slice(i, i + 25), '\n')));
    if (lines.length === 0) blocks.push(section(mrkdwn`No weekday closures.`));
    if (overrides.length) {
      const rows = overrides.map(
        (o) => mrkdwn`• ${formatDate(o.date)} \`${o.calendar}\` ${o.action === 'close' ? 'closed' : 'reopened'} — ${o.reason} (${o.createdBy})`,
      );
      blocks.push(section(mrkdwn`*Overrides*\n${joinMrkdwn(rows, '\n')}`));
    }
    blocks.push(
      context(
        mrkdwn`Saturdays and Sundays are always closed. A joint calendar is closed when any part is. Sources: Federal Reserve holiday schedule, Japan’s Act on National Holidays and Banking Act order, Korean public holidays; see \`calendar close|open\` for corrections.`,
      ),
    );
    return reply(mrkdwn`${cal.id}: ${closed.length} closed weekdays in ${year}`, blocks);
  },
});

async function changeOverride(verb: 'close' | 'open' | 'reset', words: string[], reason: string | undefined, ctx: CommandContext) {
  if (!ctx.actor.isAdmin) throw new UserError('permission_denied', { who: ctx.actor.adminsDescription ?? 'the workspace admins', action: 'change calendars' });
  const sub = { ...calendar, usage: `calendar ${verb} <calendar> <date>${verb === 'reset' ? '' : ' reason="…"'}` };
  const parts = parseCalendarId(requireWord(sub, { words, options: {} }, 0, 'a base calendar such as `US-FRB`'));
  if (parts.length !== 1)
    throw new UserError('invalid_value', {
      key: 'calendar',
      value: words[0],
      reason: 'name one base calendar (US-FRB, US-OPM, JP-BANK or KR-BANK), not a joint',
    });
  const date = parseDateValue(requireWord(sub, { words, options: {} }, 1, 'a date'), ctx.today);
  refuseExtraWords(sub, { words, options: {} }, 2);
  if (verb !== 'reset' && !reason?.trim())
    throw new UserError('missing_argument', { subcommand: `calendar ${verb}`, what: 'a reason (`reason="…"`)', usage: sub.usage });
  const { moved } = await setCalendarOverride(ctx, { calendar: parts[0]!, date, action: verb === 'reset' ? null : verb, reason: reason?.trim() ?? '' });
  const what =
    verb === 'reset'
      ? mrkdwn`Removed the override of ${formatDate(date)} on \`${parts[0]!}\`.`
      : mrkdwn`${formatDate(date)} is now ${verb === 'close' ? 'closed' : 'open'} on \`${parts[0]!}\`.`;
  const movedLines = moved.map((m) => mrkdwn`• \`${m.slug}\`: due ${formatDate(m.before)} → *${formatDate(m.after)}*`);
  return reply(mrkdwn`${what} ${moved.length} due date(s) moved.`, [
    section(mrkdwn`:calendar: ${what}`),
    section(moved.length ? mrkdwn`*Due dates that moved*\n${joinMrkdwn(movedLines.slice(0, 40), '\n')}` : mrkdwn`No running clock moved.`),
  ]);
}
