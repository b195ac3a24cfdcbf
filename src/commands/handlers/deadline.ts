import { formatDate } from '../../core/civil-date.ts';
import { UserError } from '../../core/errors.ts';
import { mrkdwn, plain, type Mrkdwn } from '../../core/mrkdwn.ts';
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
    const notice = parseDateValue(requireWord(deadline, args, 0, 'the notice date'), ctx.today);
    refuseExtraWords(deadline, args, 1);
    const deal = validDeal(args.options.deal ?? 'JP', await ctx.deals());
    const invalidDays = () =>
      new UserError('invalid_value', { key: 'days', value: args.options.days, reason: 'a whole number of business days from 0 to 365' });
    const days = args.options.days === undefined ? deal.clockDays : Number(foldValue(args.options.days, invalidDays));
    if (!Number.isInteger(days) || days < 0 || days > 365) throw invalidDays();
    const registry = await ctx.calendars();
    const clockId = (args.options.calendar && validCalendar(args.options.calendar)) || deal.clockCalendar;
    const ids = [clockId, ...deal.compareCalendars.filter((c) => c !== clockId)];
    const rows = ids.map((id) => ({ id, due: registry.get(id).advance(notice, days) }));
    const clockDue = rows[0]!.due;
    const pairs = rows.map(({ id, due }, i): [string, Mrkdwn] => [
      i === 0 ? `${id} (clock)` : id,
      mrkdwn`${formatDate(due)}${i > 0 && due !== clockDue ? ` (${due < clockDue ? 'earlier' : 'later'})` : ''}`,
    ]);
    return reply(mrkdwn`Notice ${formatDate(notice)} + ${days} business days = ${formatDate(clockDue)} on ${clockId}`, [
      header(plain`Deadline: ${days} business days from ${formatDate(notice)}`),
      section(mrkdwn`Due *${formatDate(clockDue)}* on \`${clockId}\` (deal ${deal.code}).`),
      ...fields(pairs),
      context(mrkdwn`The notice day is day 0 and is not counted; day 1 is the first open day after it. A joint calendar is open only when every part is open.`),
    ]);
  },
});
