import { phrase } from '../../i18n/error-message.ts';
import { UserError } from '../../core/errors.ts';
import { channelMention } from '../../core/mrkdwn.ts';
import { LOCALES, type Locale } from '../../core/locale.ts';
import { translator } from '../../i18n/translator.ts';
import { infoReply } from '../../replies/reply.ts';
import { setLanguage } from '../../usecases/language.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

const CHOICES = [...LOCALES, 'auto'] as const;

export const lang = defineSubcommand({
  name: 'lang',
  usage: 'lang ja|en|auto [channel]',
  summary: 'Your language for replies (auto: your Slack language); with `channel`, the language of what is posted in this channel',
  examples: ['lang ja', 'lang auto', 'lang ja channel'],
  mutates: false,
  // Setting your own language is yours; a channel's language is everyone's there.
  mutatesWhen: (args) => args.words[1]?.toLowerCase() === 'channel',
  options: [],
  async run(args, ctx) {
    const word = requireWord(lang, args, 0, phrase('what.lang')).toLowerCase();
    if (!(CHOICES as readonly string[]).includes(word)) {
      throw new UserError('invalid_value', { key: 'lang', value: word.slice(0, 20), reason: phrase('reason.lang') });
    }
    const scopeWord = args.words[1]?.toLowerCase();
    if (scopeWord !== undefined && scopeWord !== 'channel') {
      throw new UserError('unexpected_argument', { subcommand: 'lang', word: scopeWord.slice(0, 40), usage: lang.usage });
    }
    refuseExtraWords(lang, args, 2);
    const locale = word === 'auto' ? null : (word as Locale);
    if (scopeWord === 'channel') {
      const channelId = ctx.actor.channelId;
      if (!channelId || ctx.actor.source !== 'slack') {
        throw new UserError('invalid_value', { key: 'channel', value: '', reason: phrase('reason.lang_channel') });
      }
      await setLanguage(ctx, 'channel', channelId, locale);
      // The answer is in the language just chosen: it is what the channel will read.
      const tr = translator(locale ?? ctx.tr.locale);
      return infoReply(tr.mrkdwn(locale ? 'lang.channel_set' : 'lang.channel_auto', { channel: channelMention(channelId) }));
    }
    await setLanguage(ctx, 'user', ctx.actor.userId, locale);
    return infoReply(translator(locale ?? ctx.tr.locale).mrkdwn(locale ? 'lang.user_set' : 'lang.user_auto'));
  },
});
