/**
 * English words of the add form, the buttons' answers, the Slack surface's own replies,
 * `help`, the digest subscriptions and `/invest data`; merged into en.ts. See en.ts for
 * the rules.
 */
export const slackFormsEn = {
  // The add form (plain text: labels, hints, placeholders, and the errors under inputs)
  'form.title': 'Add a project',
  'form.submit': 'Add',
  'form.close': 'Cancel',
  'form.label':
    '{field, select, name {Project name} deal {Deal} cost {Estimated cost (USD)} sector {Sector} sponsor {Sponsor / operator} location {Location} announced {Announced on} channel {Owner channel} other {{field}}}',
  'form.hint':
    '{field, select, name {The slug is made from it, e.g. Texas GulfLink → texas-gulflink.} cost {e.g. 2.1B, $600M, US$33bn, 350 million} sector {e.g. energy, semiconductors, critical minerals} sponsor {The company behind the project} location {e.g. Brazoria County, TX} announced {The press announcement, not the notice date (the clock starts at the notice).} channel {Reminders for this project go here.} other {{field}}}',
  'form.placeholder': '{field, select, name {Texas GulfLink} cost {2.1B} other {{field}}}',
  'form.deal_option': '{code, select, JP {JP — US–Japan ({size})} KR {KR — US–Korea ({size})} other {{code}}}',
  'form.too_long': 'At most {max} characters.',
  'form.control_characters': 'Contains control characters or line breaks; type it as plain text.',
  'form.internal': 'Something went wrong on our side; nothing was added. Please try again.',
  'form.added': ':white_check_mark: Added *{slug}* as a candidate.',
  'form.add_failed': 'Sorry, the project could not be added because of an error on our side. Nothing was written; please try again.',
  'form.did_not_open':
    'The form did not open (Slack allows 3 seconds). Try again, or type the project on one line, e.g. `{cmd} add "Texas GulfLink" deal=JP cost=2.1B`.',

  // Buttons
  'permission.use': 'use `{name}`',
  'admins.workspace': 'the workspace admins',
  'admins.group': 'members of {group}',
  'admins.either': '{first} or {last}',
  'admins.group_unreadable': "{admins} (I could not check the group's members just now; try again in a minute)",
  'action.permission': '{action, select, add {add projects} fund {mark projects funded} decline {decline projects} other {{action}}}',
  'action.funded': ':white_check_mark: {user} marked *{slug}* funded; its clock has stopped.',
  'action.declined': ':x: {user} declined *{slug}*; its clock has stopped.',
  'action.stale': ':information_source: Someone changed this project meanwhile: it is now *{stage}*. Nothing was changed.',
  'action.shared_by': 'Shared by {user}',

  // Work the bot did not run (the post-ack queue)
  'slack.not_run':
    '{reason, select, full {:hourglass_flowing_sand: Too many requests are waiting right now, so I did not run this one. Nothing was changed; please try again in a minute.} user_full {:hourglass_flowing_sand: You already have many requests waiting, so I did not run this one. Nothing was changed; please try again once they are answered.} expired {:hourglass: This waited more than {wait} behind other requests, so I did not run it. Nothing was changed; please send it again.} other {:arrows_counterclockwise: The bot restarted before running this; nothing was changed — please send it again.}}',
  'slack.wait': '{unit, select, minutes {{n} minutes} minute {a minute} other {{n} seconds}}',

  // help
  'help.header': '{cmd} — 45-business-day funding clocks',
  'help.fallback': '{cmd} commands: {names}',
  'help.changes_data': ' _(changes data)_',
  'help.examples': '*Examples*',
  'help.footer':
    'Replies are private; add `share` at the end to post in the channel. `{cmd} help <subcommand>` shows examples. Dates: YYYY-MM-DD, today, yesterday. Money: 2.1B, $600M, US$33bn.',
  'help.summary.help': 'Usage, with examples',
  'help.summary.list': 'Projects, one line each (stage: candidate, shortlisted, selected, funded, declined, withdrawn, open, closed)',
  'help.summary.status': 'Running clocks, overdue first, then soonest due; with a project, the same as `show`',
  'help.summary.show': 'One project: stage, clock (day N of 45, due date, remaining, spread), owner channel; dated events and sources for a public project',
  'help.summary.add': 'A new project, stage candidate',
  'help.summary.edit': 'Change fields (not the stage); an empty value clears a field',
  'help.summary.shortlist': 'Stage shortlisted',
  'help.summary.select': 'Stage selected: starts the clock on the date the selection notice was received',
  'help.summary.fund': 'Stage funded: stops the clock',
  'help.summary.decline': 'Stage declined: stops the clock and shows the tariff exposure this triggers',
  'help.summary.withdraw': 'Stage withdrawn (from candidate, shortlisted or selected)',
  'help.summary.deadline': 'Calculator: the due date of a notice received on <date>, on the clock calendar and each comparison calendar',
  'help.summary.calendar': 'The closed days a clock uses; admins add or remove a closed day with a reason',
  'help.summary.history': 'Audit trail: who changed what, when (newest first); without a project, the whole workspace',
  'help.summary.exposure': 'Tariff exposure: the added duty a year if the snap-back rate were applied, with as-of dates and sources',
  'help.summary.tariffs': 'Tariff regimes by category with their history and sources, and the import baselines',
  'help.summary.tariff': 'Record a new tariff regime for a deal and category; the open one ends the day before (history is kept)',
  'help.summary.baseline': 'Record annual US imports for a deal and category (the value the exposure is computed on)',
  'help.summary.data': 'Public data: which pack this workspace has, how old it is, and what the pack shipped with this release would change',
  'help.summary.subscribe': 'Post a digest of running clocks to this channel, daily or weekly (default Monday; weekly ones carry the timeline picture)',
  'help.summary.unsubscribe': "Stop this channel's digest (of every deal, or of one)",
  'help.summary.subscriptions': 'The channels that get a digest',
  'help.summary.digest': 'Post the digest of running clocks to this channel now',
  'help.summary.feed': 'A secret calendar URL (.ics) of the due dates, for Outlook, Google Calendar and Apple Calendar',
  'help.summary.timeline': 'A picture of the running clocks on a calendar: due dates, today, overdue in red',
  'help.summary.lang': 'Your language for replies (auto: your Slack language); with `channel`, the language of what is posted in this channel',

  // Digest subscriptions
  'digest_channel.shell': 'the shell',
  'digest_channel.in_channel': '`{subcommand}` works in a channel; run it there',
  'digest_channel.describe':
    '{frequency, select, daily {daily (business days)} other {weekly on {weekday, select, sunday {Sunday} monday {Monday} tuesday {Tuesday} wednesday {Wednesday} thursday {Thursday} friday {Friday} saturday {Saturday} other {{weekday}}}}}, {deal, select, none {every deal} other {deal {deal}}}',
  'subscribe.frequency_what': '`daily` or `weekly`',
  'subscribe.frequency_reason': 'write `daily` or `weekly`',
  'subscribe.weekday_reason': 'name a weekday, Monday to Friday (e.g. `monday` or `fri`)',
  'subscribe.changed': 'Changed the digest of {channel}',
  'subscribe.shell': 'The shell is subscribed',
  'subscribe.subscribed': '{channel} is subscribed',
  'subscribe.done': ':white_check_mark: {lead}: {what}, at the reminder time. `{stop}` stops it.',
  'subscribe.none':
    '{channel} has no digest{deal, select, none { for every deal} other { for deal {deal}}}. `subscriptions` lists the digests of this workspace.',
  'subscribe.removed': 'Unsubscribed {channel} from its digest ({what}).',
  'subscribe.list_empty': 'No channel gets a digest. In a channel, `subscribe daily` or `subscribe weekly friday deal=JP` starts one.',
  'subscribe.list_title': 'Digest subscriptions',
  'subscribe.list_line': '• {channel} — {what}',
  'subscribe.list_first': 'The first {n}.',
  'subscribe.list_count': '{n, plural, one {# subscription} other {# subscriptions}} · posted at the reminder time',
  'subscribe.list_fallback': 'Digest subscriptions: {n}',

  // /invest data
  'data.title': 'Public data',
  'data.shipped': 'The pack shipped with this release',
  'data.state':
    '{state, select, none {This workspace has not started yet; its first command loads the public data.} off {This workspace started without public data (DEALCLOCK_PUBLIC_DATA=off).} existing {This workspace existed before public data; nothing was loaded into it.} other {This workspace has pack {version}, as of {asOf}.}}',
  'data.pack': '{file}: pack {version}, as of {asOf}.',
  'data.pack_refused': '{file} cannot be used: {error}',
  'data.up_to_date':
    'The workspace has everything in that pack; applying it would change nothing.{conflicts, select, yes { Fields edited here that the pack says otherwise:} other {}}',
  'data.would_change': '*What applying it would change*',
  'data.only_version': 'Applying it would only record the pack version; no fact changes.',
  'data.edited_here': '*Edited in this workspace* (kept; the pack does not change them)',
  'data.apply_note':
    'Apply a pack with `dealclock data apply [file]` (admins, on the server); fields edited in the workspace are never overwritten. See docs/data.md.',
  'data.summary_up_to_date': 'up to date',
  'data.summary_refused': 'pack refused',
  'data.summary_counts':
    '{added, plural, one {# new item} other {# new items}}, {changed, plural, one {# changed field} other {# changed fields}}, {conflicts, plural, one {# conflict} other {# conflicts}}',
  'data.fallback': 'Public data: {state} {summary}',
  'data.group':
    '{group, select, projects {New projects} events {New events} regimes {New regimes} baselines {New baselines} closures {New closures} changed {Changed fields} conflicts {Conflicts, left as they are} other {{group}}} ({n}):',
  'data.group_more': '  … and {n} more',
  'data.sources_changed': 'Sources added or updated: {n}',
  'data.texts_changed': 'Japanese texts added, updated or removed: {n}',
  'data.what':
    '{kind, select, project {project {slug}} event {event {date} {eventKind} of {slug}} regime {regime {deal} {category} from {from}} baseline {baseline {deal} {category} {year}} other {closure {calendar} {date}}}',
  'data.change_field': '• {what}: {field} {from} → {to}',
  'data.change_added': '• {what}{hasValue, select, yes {: {value}} other {}}',
  'data.change_conflict': '{line} — {reason}',
  'data.reason_edited': 'changed in this workspace; left as it is',
  'data.reason_slug_taken': 'a project with the slug `{slug}` is already in this workspace; the public one is not added',
  'data.reason_backwards': 'a project does not move from {from} back to {to}',
  'data.reason_needs_notice': 'a selected project needs a notice date, and this workspace has none',
  'data.reason_no_project': 'its project is not in this workspace',
  'data.reason_overlaps': 'overlaps a regime this workspace has ({from} to {to}); not added',
  'data.reason_would_overlap': 'would overlap {from} to {to}',
  'data.reason_opened_here': 'this workspace opened that day with `calendar open`; left open',
  'data.reason_reset_here': 'removed in this workspace with `calendar reset`; not added again',
  'data.apply.head': 'Pack {version} (as of {asOf}) from {file}:',
  'data.apply.nothing': 'Nothing to change: the workspace already has this pack.',
  'data.apply.only_version': 'No fact changes; the pack version is recorded.',
  'data.apply.moved': 'Due dates moved by the closures: {moves}',
  'data.apply.move': '{slug} {before} → {after}',
  'data.apply.dry_run': 'Dry run: nothing was written.',
  'data.apply.applied':
    'Applied: {added, plural, one {# new item} other {# new items}}, {changed, plural, one {# changed field} other {# changed fields}}; {conflicts, plural, one {# conflict} other {# conflicts}} left as they are. The audit trail names pack {version}.',
} as const satisfies Record<string, string>;
