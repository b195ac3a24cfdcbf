/**
 * Every action the audit trail records has a name in Japanese for `history`: the actions
 * are read from the code that records them, so a new one without Japanese fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/translator.ts';
import { recordedName } from '../../../src/replies/format.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** `action: 'tariff.set'`, the import's `'project.import'` in SQL, and `language.${scope}`. */
function recordedActions(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/action: '([a-z]+\.[a-z-]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/'(project\.import)'/g)) found.add(m[1]!);
    // The language settings record `language.${scope}` for their two scopes.
    if (/action: `language\.\$\{scope\}`/.test(text)) for (const scope of ['user', 'channel']) found.add(`language.${scope}`);
  }
  return [...found].sort();
}

describe('audit action names', () => {
  it('every recorded action reads in Japanese, and as recorded in English', () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThanOrEqual(20);
    const name = (locale: 'en' | 'ja', action: string) => recordedName(translator(locale), 'history.action', action);
    expect(actions.filter((a) => /[A-Za-z]/.test(name('ja', a)))).toEqual([]);
    for (const a of actions) expect(name('en', a)).toBe(a);
  });
});
