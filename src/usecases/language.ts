/** A person's or a channel's language: validated, written and audited in one transaction. */
import type { Locale } from '../core/locale.ts';
import type { LanguageScope } from '../db/language.ts';
import type { CommandContext } from './context.ts';

/** Sets a language, or with `null` goes back to the default (`auto`). Returns the one before. */
export async function setLanguage(ctx: CommandContext, scope: LanguageScope, targetId: string, locale: Locale | null): Promise<string | undefined> {
  return ctx.write(async (store) => {
    const before = await store.language.set(scope, targetId, locale, ctx.actor.userId);
    if ((before ?? null) !== locale) {
      await store.audit.record(ctx.actor, {
        action: `language.${scope}`,
        subject: targetId,
        before: before ? { locale: before } : null,
        after: locale ? { locale } : null,
      });
    }
    return before;
  });
}
