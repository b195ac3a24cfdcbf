import { dataTexts } from '../../usecases/public-data/data-text.ts';
import { actorName } from '../../replies/format.ts';
import { parseCalendarId } from '../../calendar/calendars.ts';
import { yearOf } from '../../core/civil-date.ts';
import { UserError } from '../../core/errors.ts';
import { phrase } from '../../i18n/error-message.ts';
import { joinMrkdwn, mrkdwn } from '../../core/mrkdwn.ts';
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
      throw new UserError('unknown_option', { subcommand: 'calendar', key: 'reason', allowed: phrase('calendar.reason_only_with') });
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
    const { tr } = ctx;
    const closed = cal.closedDaysBetween(from, to, tr.locale);
    const overrides = (await ctx.store.overrides.list()).filter((o) => cal.parts.includes(o.calendar) && yearOf(o.date) === year);
    // A closure from the public data has its reason in the pack's language; its translation replaces it in the day's name.
    const text = await dataTexts(ctx.store, tr.locale);
    const translated = overrides.filter((o) => o.reason && text(o.reason) !== o.reason);
    const dayName = (name: string) => translated.reduce((n, o) => n.replaceAll(o.reason, text(o.reason)), name);
    const lines = closed.map((d) => mrkdwn`• ${tr.date(d.date)} — ${dayName(d.name)}`);
    const blocks = [header(tr.plain('calendar.title', { id: cal.id, year: String(year) }))];
    for (let i = 0; i < lines.length; i += 25) blocks.push(section(joinMrkdwn(lines.slice(i, i + 25), '\n')));
    if (lines.length === 0) blocks.push(section(tr.mrkdwn('calendar.none')));
    if (overrides.length) {
      const rows = overrides.map((o) =>
        tr.mrkdwn('calendar.override_row', {
          date: tr.date(o.date),
          calendar: o.calendar,
          action: o.action,
          reason: text(o.reason),
          by: actorName(tr, o.createdBy),
        }),
      );
      blocks.push(section(tr.mrkdwn('calendar.overrides', { rows: joinMrkdwn(rows, '\n') })));
    }
    blocks.push(context(tr.mrkdwn('calendar.note')));
    return reply(tr.mrkdwn('calendar.fallback', { id: cal.id, count: String(closed.length), year: String(year) }), blocks);
  },
});

async function changeOverride(verb: 'close' | 'open' | 'reset', words: string[], reason: string | undefined, ctx: CommandContext) {
  if (!ctx.actor.isAdmin)
    throw new UserError('permission_denied', {
      who: ctx.actor.adminsDescription ?? phrase('calendar.admins'),
      action: phrase('calendar.change_action'),
    });
  const sub = { ...calendar, usage: `calendar ${verb} <calendar> <date>${verb === 'reset' ? '' : ' reason="…"'}` };
  const parts = parseCalendarId(requireWord(sub, { words, options: {} }, 0, phrase('calendar.what_base')));
  if (parts.length !== 1)
    throw new UserError('invalid_value', {
      key: 'calendar',
      value: words[0],
      reason: phrase('calendar.one_base'),
    });
  const date = parseDateValue(requireWord(sub, { words, options: {} }, 1, phrase('calendar.what_date')), ctx.today);
  refuseExtraWords(sub, { words, options: {} }, 2);
  if (verb !== 'reset' && !reason?.trim())
    throw new UserError('missing_argument', { subcommand: `calendar ${verb}`, what: phrase('calendar.what_reason'), usage: sub.usage });
  const { moved } = await setCalendarOverride(ctx, { calendar: parts[0]!, date, action: verb === 'reset' ? null : verb, reason: reason?.trim() ?? '' });
  const { tr } = ctx;
  const what =
    verb === 'reset'
      ? tr.mrkdwn('calendar.override_removed', { date: tr.date(date), calendar: parts[0]! })
      : tr.mrkdwn('calendar.override_set', { date: tr.date(date), action: verb, calendar: parts[0]! });
  const movedLines = moved.map((m) => tr.mrkdwn('calendar.moved_line', { slug: m.slug, before: tr.date(m.before), after: tr.date(m.after) }));
  return reply(tr.mrkdwn('calendar.changed_fallback', { what, count: String(moved.length) }), [
    section(mrkdwn`:calendar: ${what}`),
    section(moved.length ? tr.mrkdwn('calendar.moved', { lines: joinMrkdwn(movedLines.slice(0, 40), '\n') }) : tr.mrkdwn('calendar.none_moved')),
  ]);
}
