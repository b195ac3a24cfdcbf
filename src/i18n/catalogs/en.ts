/**
 * Every word dealclock says in English, in ICU MessageFormat. The Japanese catalogue
 * (ja.ts) has the same keys with the same arguments; a test fails on a missing or extra
 * one. Text here is the bot's own words: it is escaped like any text on its way to Slack,
 * and arguments are escaped unless they are already Slack markup.
 *
 * Numbers given to `{n, plural, …}` are formatted with the locale's digit grouping; years,
 * counts shown as IDs and other numbers that must print as they are go in as strings.
 */
import { cliEn } from './cli.en.ts';
import { feedsEn } from './feeds.en.ts';
import { slackFormsEn } from './slack-forms.en.ts';
import { tariffsCalendarEn } from './tariffs-calendar.en.ts';
import { timelineEn } from './timeline.en.ts';

export const en = {
  ...tariffsCalendarEn,
  ...slackFormsEn,
  ...feedsEn,
  ...timelineEn,
  ...cliEn,
  // Stages and clocks
  'stage.name':
    '{stage, select, candidate {candidate} shortlisted {shortlisted} selected {selected} funded {funded} declined {declined} withdrawn {withdrawn} other {{stage}}}',
  'stage.selected_overdue': 'selected · overdue',
  'clock.not_started': 'notice on {notice}; {days, plural, one {# business day} other {# business days}} from then',
  'clock.due_today': 'due today',
  'clock.overdue': 'overdue by {days, plural, one {# business day} other {# business days}}',
  'clock.past_due': 'past due',
  'clock.left': '{days, plural, one {# business day} other {# business days}} left',
  'clock.day_of': 'day {day} of {total}',
  'clock.due_on': '{date} on `{calendar}`',
  'spread.same': 'same date on {calendars}',
  'deal.partner': '{code, select, other {{partner}}}',
  'deal.name': '{code, select, other {{name}}}',
  'cost.qualified': '{qualifier, select, about {about } up_to {up to } more_than {more than } other {}}{amount}',

  // The project card
  'card.label':
    '{field, select, stage {Stage} deal {Deal} cost {Estimated cost} sector {Sector} sponsor {Sponsor / operator} location {Location} notice {Notice received} due {Due} clock {Clock} spread {Calendar spread} funded {Funded} declined {Declined} withdrawn {Withdrawn} reason {Reason} announced {Announced} channel {Owner channel} other {{field}}}',
  'card.events': '*Dated events*',
  'card.provenance': '*Where each fact comes from*',
  'card.note': '`{slug}` · #{number} · as of {today}',
  'card.public_note': 'Public record{fresh}; `history` shows what changed in this workspace.',
  'card.business_days_note': 'Business days on `{calendar}`; the notice day is day 0 and is not counted.',
  'card.deal_note': 'Deal: {deal}',
  'card.fallback': '{name} ({slug}): {stage}',
  'card.fallback_clock': '{status} — due {due} on {calendar}, {clock}',
  'button.fund': 'Mark funded',
  'button.decline': 'Decline',
  'button.decline_confirm_title': 'Decline this project?',
  'button.decline_confirm_text': 'Declining *{name}* stops its clock and may trigger the tariff snap-back.',
  'button.cancel': 'Cancel',
  'button.share': 'Share',

  // Public data
  'public.actor': 'public data {version}',
  'public.event_line': '• {date} — *{kind}*: {summary} ({label}; {source}){hasNote, select, yes { — {note}} other {}}',
  'public.provenance_line': '• {field} — {label}; {source}{hasNote, select, yes {: {note}} other {}}',
  'public.as_of': 'Public data as of {asOf} (pack {version})',
  'public.stale':
    'The public data is {age} days old (as of {asOf}; stale after {staleAfter}). Newer facts may exist: an admin can check with `dealclock data status` and apply a newer pack with `dealclock data apply`.',
  'public.note': '{line}: each row names its source and label.',
  'event.kind':
    '{kind, select, announced {Announced} selected {Selected} notice {Notice} funding_date_named {Funding date named} financing_signed {Financing signed} funded {Funded} declined {Declined} update {Update} other {{kind}}}',
  'fact.label': '{label, select, confirmed {confirmed} reported {reported} estimated {estimated} not_found {not found} other {{label}}}',
  'fact.field':
    '{field, select, name {Name} sponsor {Sponsor} location {Location} sector {Sector} cost {Cost} announced {Announced} stage {Stage} notice {Notice date} due {Named funding date} funded {Funded} declined {Declined} other {{field}}}',

  // Lists
  'list.title': 'Projects{filter}',
  'list.narrow': '`list <stage> deal=JP` or `{next}`',
  'list.empty': 'No projects yet. Add one with `add "Texas GulfLink" deal=JP cost=2.1B sector=energy`.',
  'list.no_match': 'No projects match.',
  'list.public_record': 'public record',
  'list.due': 'due {due} · {clock}',
  'list.range': '{first}–{last} of {total} · as of {today}',
  'list.more': '{more} more — narrow it with {hint}',
  'list.public_note': "{note}; `show <project>` gives each fact's source",
  'list.fallback': '{title}: {total, plural, one {# project} other {# projects}}',
  'list.fallback_partial': '{title}: {total, plural, one {# project} other {# projects}} (showing {first}–{last})',
  'status.title': 'Running clocks{filter}',
  'status.narrow': '`status deal=JP` or `list selected page=2`',
  'status.empty': 'No clock is running. A clock starts with `select <project> notice=<date>`.',

  // Reminders and digests
  'reminder.colon': ': ',
  'reminder.late': ' (due to go out {on})',
  'reminder.lead': '{title} — *{label}*{late}.',
  'reminder.lapse': ':moneybag: If it lapses: {line}',
  'reminder.note': 'Reminder · {deal} · business days on `{calendar}`',
  // The ops channel's report of a reminder or digest given up on.
  'ops.not_delivered':
    ':warning: Reminder #{id} ({what}) could not be delivered{to}: {error}. It was not posted; fix the cause, then requeue it with `dealclock check --retry-failed`.',
  'ops.to': ' to {channel}',
  'ops.what':
    '{kind, select, digest {{unit, select, day {daily digest of {on}} week {weekly digest for the week of {on}} other {digest {on}}}} catchup {catch-up of missed milestones for `{project}`} other {{label} for `{project}`}}',
  'project.title': '{name} (`{slug}`, #{number})',
  'reminder.fallback': '{name} ({slug}): {label} — due {due} on {calendar}',
  'catchup.title': 'missed reminders',
  'catchup.today': '\nToday: *{labels}*.',
  'catchup.lead': '{title} — reminders were not running, so {count, plural, one {# milestone} other {# milestones}} passed without a message:\n{lines}{today}',
  'catchup.note': 'Catch-up · {deal} · business days on `{calendar}`',
  'catchup.fallback': '{name} ({slug}): missed reminders — {named}; now {clock}',
  'button.show': 'Show',
  'digest.title': '{frequency, select, daily {Daily digest} weekly {Weekly digest} other {Digest}}{deal, select, none {} other { — {deal}}} · {today}',
  'digest.none': 'No clock is running{deal, select, none {} other { for {deal}}}.',
  'digest.running': '*{count, plural, one {# running clock} other {# running clocks}}*, overdue first',
  'digest.more': '{more} more — see `{status}`',
  'digest.closed': '*Funded or declined since the last digest*',
  'digest.fallback':
    '{title}: {count, plural, one {# running clock} other {# running clocks}}{closed, plural, =0 {} other {, # funded or declined since the last digest}}',
  'reply.blocks_left_out': '{n} more block(s) left out — narrow the command to see them.',
  'digest.blocks_left_out': '{n} more blocks left out',

  // App Home
  'home.title': 'Funding clocks',
  'home.intro': 'As of {today} · 45 business days from each notice · `{cmd} help` for every command',
  'home.running': '*Running clocks* — overdue first, then soonest due',
  'home.none_running': 'No clock is running. A clock starts with `{cmd} select <project> notice=<date>`.',
  'home.more_running': '{more} more — `{cmd} status` lists them all',
  'home.milestones': '*Next milestones* — reminders go out at {list} business days left',
  'home.today': '*today*',
  'home.on_day': '{date} (in {days, plural, one {# business day} other {# business days}})',
  'home.due': 'due',
  'home.milestone_line': '• *{name}* `{slug}` — {what} on {when}',
  'home.more_milestones': '{more} more milestones not shown',
  'home.recent': '*Recent changes*',
  'home.nothing_changed': 'Nothing has changed yet.',
  'home.digests': '*Channel digests*',
  'home.no_digests': 'None of your channels subscribes to a digest. In a channel: `{cmd} subscribe daily`.',
  'home.can_change': 'You can change projects: buttons on a project card, or commands.',
  'home.read_only': 'You can read everything; ask an admin to change projects.',
  'home.a_project': 'a project',
  'home.event': '{action, select, add {added} edit {edited} other {imported}} {subject}',
  'home.event_stage': 'moved {subject} to *{stage}*',

  // Errors that are not a user's mistake
  'error.internal':
    'Sorry, something went wrong on our side (error id {errorId}). Nothing was changed; please try again, and quote the id if it keeps happening.',

  // Language
  'lang.user_set': ':white_check_mark: Your replies are now in English. `lang auto` follows your Slack language again.',
  'lang.user_auto': ':white_check_mark: Your replies follow your Slack language again.',
  'lang.channel_set': ':white_check_mark: Reminders, digests and shared replies in {channel} are now in English.',
  'lang.channel_auto': ':white_check_mark: {channel} is back to the workspace language for reminders, digests and shared replies.',

  // What declining puts at stake
  'stake.line':
    '{stage, select, declined {This decline puts at stake} other {Declining it would put at stake}} about *{amount} a year* in added duty on {deal} imports if the snap-back ({rate}) is applied{cost} (as of {asOf}{caveat}; sources and details: `exposure {slug}`).',
  'stake.cost': ' — {ratio} ({cost}) every year',
  'stake.times': '{x}× its cost',
  'stake.percent': '{p}% of its cost',
  'stake.warnings': '; {count, plural, one {# data warning} other {# data warnings}}',
  'stake.none': 'No tariff exposure figure for deal {deal} as of {asOf}: {reason}. See `tariffs {deal}`.',
  'stake.no_data': 'no data recorded',
  'stake.unreadable': 'The tariff exposure could not be read just now; try `exposure {slug}`.',

  // What a change says above the card
  'lead.added': ':white_check_mark: Added *{slug}* as a candidate.',
  'lead.updated': ':pencil2: Updated *{slug}*: {fields}.',
  'lead.shortlisted': 'Shortlisted *{slug}*.',
  'lead.selected': ':hourglass_flowing_sand: Selected *{slug}*: the clock is running.',
  'lead.funded': ':white_check_mark: *{slug}* is funded; its clock has stopped.',
  'lead.declined': ':x: *{slug}* is declined; its clock has stopped.',
  'lead.withdrawn': 'Withdrew *{slug}*.',

  // Details of user errors (what is missing, why a value is refused)
  'what.project': 'a project',
  'what.project_ref': 'a project (slug, #number or name)',
  'what.name': 'a project name',
  'what.notice': 'the date the notice was received (`notice=YYYY-MM-DD`)',
  'what.lang': '`ja`, `en` or `auto`',
  'reason.page': 'a page number from 1',
  'reason.lang': 'write `ja`, `en` or `auto`',
  'reason.lang_channel': '`lang … channel` works in a Slack channel; run it there',
  'reason.empty': 'it is empty',
  'reason.too_long': 'it is longer than {max} characters',
  'reason.slug':
    'use lower-case letters, digits, kana, kanji or hangul, joined by dashes, e.g. `texas-gulflink` or `テキサス-ガルフリンク` (at most 60 characters)',
  'reason.no_slug': 'the name has no letters or digits to make one from; add `slug=…`',
  'reason.channel': 'name the channel as a #mention or its ID (C0123456789)',
  'reason.no_clock': '{slug} has no clock yet; start it with `select {slug} notice=<date>`',
  'reason.before_notice': 'it is before the notice date {notice}',
  'stage_move.same': 'It is already {to}.',
  'stage_move.closed': 'A {from} project is closed; its stage no longer changes.',
  'stage_move.needs_clock': 'Only a selected project (with a running clock) can be {to}. Select it first with `select <project> notice=<date>`.',
  'stage_move.allowed': 'From {from} it can become: {allowedKey, select, other {{allowed}}}.',
  'warning.before_floor':
    "The notice's funding date {due} is before the {days}-business-day floor {floor}; the MOU makes {days} business days a minimum. Check the notice.",
  'warning.before_signing': 'The notice date is before the {deal} deal was signed ({signed}). Check it.',
  'warning.future_notice': 'The notice date is in the future; the clock starts on {notice}.',
  'warning.funded_late': 'Funded after the due date {due}.',

  // The shell
  'shell.welcome': 'dealclock shell — type `help`, or `exit` to leave. Data: {data}',
  'shell.server': 'Postgres server',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
