/** English words of the timeline picture and the replies that carry it; merged into en.ts. See en.ts for the rules. */
export const timelineEn = {
  // d3-time-format, for the date axis.
  'timeline.axis_date_format': '%b %-d',
  'timeline.title': 'Funding clocks{deal, select, none {} other { — {deal}}}',
  'timeline.subtitle': 'As of {today} · bars run from notice to due date · business days left on the right{more, plural, =0 {} other { · and # more}}',
  'timeline.today': 'today',
  'timeline.legend_title': 'Key',
  'timeline.mark':
    '{mark, select, running {running} due_soon {5 business days or fewer} overdue {overdue} not_started {notice still to come} spread {due on the comparison calendar} milestone {30/15/10/5 days left} closed {closed day} other {{mark}}}',
  'timeline.row':
    '{state, select, overdue {overdue by {days, plural, one {# business day} other {# business days}}} past_due {past due} due_today {due today} not_started {{days, plural, one {# business day} other {# business days}} from notice} other {{days, plural, one {# business day} other {# business days}} left}} · {due}',
  'timeline.alt':
    "Timeline of {total, plural, one {# running funding clock} other {# running funding clocks}} as of {today}{hidden, plural, =0 {} other {, the first {shown} shown}}: one bar per clock from notice to due date, today's line, overdue bars in red.",
  'timeline.file_title': 'Funding clocks {today}',
  'timeline.empty':
    'No clock is running{deal, select, none {} other { for {deal}}}: there is nothing to draw. A clock starts with `select <project> notice=<date>`.',
  'timeline.reply':
    'Funding clocks{deal, select, none {} other { — {deal}}} as of {today}: {total, plural, one {# running} other {# running}}{hidden, plural, =0 {} other { (the picture shows {shown})}}',
  'timeline.upload_failed': 'The picture could not be uploaded; here is the list instead.',
  'timeline.written': 'Wrote the timeline of {total, plural, one {# running clock} other {# running clocks}} to {path}',
  'timeline.home_caption': 'Timeline of the running clocks',
  'timeline.digest_caption': 'Timeline',
  'timeline.picture_value': 'write `on` or `off`',
  'timeline.picture_setting': '{on, select, yes {with the timeline picture} other {without the picture}}',
} as const satisfies Record<string, string>;
