/** Every `/invest` subcommand, in the order `help` lists them. */
import type { Subcommand } from '../subcommand.ts';
import { add } from './add.ts';
import { baseline } from './baseline.ts';
import { calendar } from './calendar.ts';
import { data } from './data.ts';
import { deadline } from './deadline.ts';
import { decline } from './decline.ts';
import { digest } from './digest.ts';
import { edit } from './edit.ts';
import { exposure } from './exposure.ts';
import { feed } from './feed.ts';
import { fund } from './fund.ts';
import { makeHelp } from './help.ts';
import { history } from './history.ts';
import { lang } from './lang.ts';
import { list } from './list.ts';
import { select } from './select.ts';
import { shortlist } from './shortlist.ts';
import { show } from './show.ts';
import { status } from './status.ts';
import { subscribe } from './subscribe.ts';
import { subscriptions } from './subscriptions.ts';
import { tariff } from './tariff.ts';
import { tariffs } from './tariffs.ts';
import { timeline } from './timeline.ts';
import { unsubscribe } from './unsubscribe.ts';
import { withdraw } from './withdraw.ts';

export const subcommands: Subcommand[] = [];
const help = makeHelp(() => subcommands);
subcommands.push(
  help,
  list,
  status,
  show,
  add,
  edit,
  shortlist,
  select,
  fund,
  decline,
  withdraw,
  deadline,
  calendar,
  history,
  exposure,
  tariffs,
  tariff,
  baseline,
  data,
  subscribe,
  unsubscribe,
  subscriptions,
  digest,
  lang,
  feed,
  timeline,
);
