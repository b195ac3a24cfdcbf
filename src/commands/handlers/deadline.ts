import { UserError } from '../../core/errors.ts';
import { phrase } from '../../i18n/error-message.ts';
import type { Mrkdwn } from '../../core/mrkdwn.ts';
import { context, fields, header, reply, section } from '../../replies/reply.ts';
import { validCalendar, validDeal } from '../../usecases/project-fields.ts';
import { parseDateValue } from '../../core/values.ts';
import { foldValue } from '../../core/japanese-input.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

export const deadline = defineSubcommand({
  name: 'deadline',
  usage: 'deadline <date> [deal=JP] [days=45] [calendar=…]',
  summary: 'Calculator: the due date of a notice received on <date>, on the clock calendar and each comparison calendar',
  examples: ['deadline 2026-02-17', 'deadline today deal=KR', 'deadline 2026-02-17 days=30 calendar=US-OPM'],
  mutates: false,
  options: ['deal', 'days', 'calendar'],
  async run(args, ctx) {
    const notice = parseDateValue(requireWord(deadline, args, 0, phrase('deadline.what_notice')), ctx.today);
    refuseExtraWords(deadline, args, 1);
    const deal = validDeal(args.options.deal ?? 'JP', await ctx.deals());
    const invalidDays = () => new UserError('invalid_value', { key: 'days', value: args.options.days, reason: phrase('deadline.days_range') });
    const days = args.options.days === undefined ? deal.clockDays : Number(foldValue(args.options.days, invalidDays));
    if (!Number.isInteger(days) || days < 0 || days > 365) throw invalidDays();
    const registry = await ctx.calendars();
    const clockId = (args.options.calendar && validCalendar(args.options.calendar)) || deal.clockCalendar;
    const ids = [clockId, ...deal.compareCalendars.filter((c) => c !== clockId)];
    const rows = ids.map((id) => ({ id, due: registry.get(id).advance(notice, days) }));
    const clockDue = rows[0]!.due;
    const { tr } = ctx;
    const pairs = rows.map(({ id, due }, i): [string, Mrkdwn] => [
      i === 0 ? tr.text('deadline.clock_calendar', { id }) : id,
      tr.mrkdwn('deadline.due_cell', {
        due: tr.date(due),
        compare: i > 0 && due !== clockDue ? tr.text('deadline.compare', { compare: due < clockDue ? 'earlier' : 'later' }) : '',
      }),
    ]);
    const n = String(days);
    return reply(tr.mrkdwn('deadline.fallback', { notice: tr.date(notice), days: n, due: tr.date(clockDue), calendar: clockId }), [
      header(tr.plain('deadline.title', { days: n, notice: tr.date(notice) })),
      section(tr.mrkdwn('deadline.due', { due: tr.date(clockDue), calendar: clockId, deal: deal.code })),
      ...fields(pairs),
      context(tr.mrkdwn('deadline.note')),
    ]);
  },
});
