/**
 * A refused stage move names the stages in the reader's language: every refusal the
 * domain can give, rendered in Japanese, has no English stage name left in it.
 */
import { describe, expect, it } from 'vitest';
import { refuseStageMove, STAGES } from '../../../src/domain/project.ts';
import { type MessageKey, translator } from '../../../src/i18n/translator.ts';

const ja = translator('ja');
const en = translator('en');

describe('stage-move refusals', () => {
  const refusals = STAGES.flatMap((from) => STAGES.map((to) => ({ from, to, refusal: refuseStageMove(from, to) }))).filter((r) => r.refusal);

  it('every refusal reads in Japanese without an English stage name', () => {
    expect(refusals.length).toBeGreaterThan(20);
    const left = refusals
      .map(({ from, to, refusal }) => ({ move: `${from}→${to}`, text: ja.text(refusal!.key as MessageKey, refusal!.args).replace(/`[^`]*`/g, '') }))
      .filter(({ text }) => new RegExp(`\\b(${STAGES.join('|')})\\b`).test(text) || /[A-Za-z]{3,}/.test(text));
    expect(left).toEqual([]);
  });

  it('names the stages a project may move to, in each language', () => {
    const r = refuseStageMove('candidate', 'funded')!;
    expect(r.key).toBe('stage_move.needs_clock');
    const allowed = refuseStageMove('shortlisted', 'candidate')!;
    expect(en.text(allowed.key as MessageKey, allowed.args)).toBe('From shortlisted it can become: selected, withdrawn.');
    expect(ja.text(allowed.key as MessageKey, allowed.args)).toBe('最終候補から変更できる段階：選定済み、取り下げ');
    expect(String(refuseStageMove('candidate', 'candidate'))).toBe('It is already candidate.');
  });
});
