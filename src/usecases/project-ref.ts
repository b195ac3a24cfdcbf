/**
 * Resolving what a user typed to name a project: `#12`, `12`, `texas-gulflink`,
 * `Texas GulfLink`, or an unambiguous prefix such as `texas`. When nothing matches, the
 * error carries "did you mean" suggestions computed from typo distance.
 *
 * Written for large candidate lists (100,000 projects): exact matches are plain loops
 * with no allocation per candidate, and the typo search, which only runs when the
 * reference matches nothing, uses a banded edit distance that gives up early.
 */

import { UserError } from '../core/errors.ts';
import { slugify } from '../core/values.ts';
import { BandedDistance } from '../core/edit-distance.ts';

export interface ProjectRefCandidate {
  id: number;
  number: number;
  slug: string;
  name: string;
}

const MAX_AMBIGUOUS_SHOWN = 5;
const MAX_SUGGESTIONS = 3;
/** Longer references are not worth a typo search: no slug is that long. */
const MAX_FUZZY_LENGTH = 120;

const NUMBER_REF = /^(#?)(\d+)$/;
const ASCII_SLUG = /^[a-z0-9-]*$/;

/** Names compare ignoring case, width (full-width letters) and runs of whitespace. */
function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Keeps the `limit` best items by `better`, without sorting the whole input. */
class TopList<T> {
  readonly items: T[] = [];
  constructor(
    private readonly limit: number,
    private readonly better: (a: T, b: T) => boolean,
  ) {}

  offer(item: T): void {
    const items = this.items;
    if (items.length === this.limit && !this.better(item, items[items.length - 1]!)) return;
    let at = items.length;
    while (at > 0 && this.better(item, items[at - 1]!)) at--;
    items.splice(at, 0, item);
    if (items.length > this.limit) items.pop();
  }
}

/** Shorter slugs first (the likelier intent for a prefix), then alphabetical. */
function shorterSlug(a: ProjectRefCandidate, b: ProjectRefCandidate): boolean {
  return a.slug.length !== b.slug.length ? a.slug.length < b.slug.length : a.slug < b.slug;
}

function ambiguous(ref: string, matches: readonly ProjectRefCandidate[]): UserError {
  const top = new TopList<ProjectRefCandidate>(MAX_AMBIGUOUS_SHOWN, shorterSlug);
  for (const m of matches) top.offer(m);
  return new UserError('ambiguous_project', { ref, matches: top.items.map((c) => c.slug) });
}

/**
 * Resolves `ref` against `candidates`, in this order:
 * 1. `#12` or `12`: the project numbered 12 (`12` falls through to slugs when no project
 *    has that number, since a slug may start with digits);
 * 2. exact slug, case-insensitive;
 * 3. exact name, case-insensitive, whitespace collapsed;
 * 4. the slugified reference equal to a slug, or as a unique prefix of slugs.
 *
 * Throws `UserError` `ambiguous_project` (up to 5 matching slugs) or `project_not_found`
 * (up to 3 suggestions, closest first).
 */
export function resolveProjectRef<T extends ProjectRefCandidate>(ref: string, candidates: readonly T[]): T {
  const input = ref.trim();
  if (input === '') throw new UserError('project_not_found', { ref: input, suggestions: [] });

  const numbered = NUMBER_REF.exec(input);
  if (numbered) {
    const digits = numbered[2]!.replace(/^0+(?=\d)/, '');
    if (digits.length <= 15) {
      const number = Number(digits);
      for (const c of candidates) if (c.number === number) return c;
    }
    // `#12` can only mean a number; nothing looks like it.
    if (numbered[1]) throw new UserError('project_not_found', { ref: input, suggestions: [] });
  }

  const lower = input.toLowerCase();
  for (const c of candidates) {
    if (c.slug.length === lower.length && (c.slug === lower || c.slug.toLowerCase() === lower)) return c;
  }

  const name = normalizeName(input);
  const slugRef = slugify(input);
  const byName: T[] = [];
  const byPrefix: T[] = [];
  let bySlugifiedRef: T | undefined;
  for (const c of candidates) {
    if (normalizeName(c.name) === name) byName.push(c);
    if (slugRef !== '' && c.slug.startsWith(slugRef)) {
      if (c.slug.length === slugRef.length) bySlugifiedRef = c;
      byPrefix.push(c);
    }
  }
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw ambiguous(input, byName);
  if (bySlugifiedRef) return bySlugifiedRef;
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1) throw ambiguous(input, byPrefix);

  throw new UserError('project_not_found', { ref: input, suggestions: suggest(slugRef, name, candidates) });
}

interface Suggestion {
  slug: string;
  /** Lower is closer: full-slug typos first, then substrings, then typos in a prefix. */
  score: number;
}

function closer(a: Suggestion, b: Suggestion): boolean {
  if (a.score !== b.score) return a.score < b.score;
  return a.slug.length !== b.slug.length ? a.slug.length < b.slug.length : a.slug < b.slug;
}

/**
 * Slugs worth offering for a reference that matched nothing: those within a typo budget
 * of max(2, ⌊length/3⌋) edits (Damerau: a swap of neighbours is one edit), those that
 * contain the reference, and, for references of 4+ characters, those whose beginning is
 * within a smaller budget (`texs` → `texas-gulflink`). A reference with no letters left to
 * compare (emoji, say) is matched as a substring of project names instead, and so is one
 * in kana, kanji or hangul, as well as against slugs: a Japanese name may have an ASCII slug.
 */
function suggest(slugRef: string, name: string, candidates: readonly ProjectRefCandidate[]): string[] {
  const top = new TopList<Suggestion>(MAX_SUGGESTIONS, closer);
  if (slugRef === '') {
    if (name === '') return [];
    for (const c of candidates) {
      const candidateName = normalizeName(c.name);
      if (candidateName.includes(name)) top.offer({ slug: c.slug, score: candidateName.length });
    }
    return top.items.map((s) => s.slug);
  }
  const m = slugRef.length;
  const budget = Math.max(2, Math.floor(m / 3));
  const substringScore = budget + 1;
  const byNameToo = !ASCII_SLUG.test(slugRef);
  const prefixBudget = m >= 4 ? Math.max(1, Math.floor(m / 4)) : -1;
  const fuzzy = m <= MAX_FUZZY_LENGTH ? new BandedDistance(slugRef, budget) : undefined;

  for (const c of candidates) {
    const slug = c.slug.toLowerCase();
    const n = slug.length;
    let score = Infinity;
    if (slug.includes(slugRef) || (byNameToo && normalizeName(c.name).includes(name))) score = substringScore;
    const fullPossible = Math.abs(m - n) <= budget;
    const prefixPossible = prefixBudget >= 0 && n >= m - prefixBudget;
    if (fuzzy && (fullPossible || (prefixPossible && score === Infinity))) {
      const { full, prefix } = fuzzy.measure(slug);
      if (full <= budget) score = full;
      else if (score === Infinity && prefix <= prefixBudget) score = substringScore + 1 + prefix;
    }
    if (score !== Infinity) top.offer({ slug: c.slug, score });
  }
  return top.items.map((s) => s.slug);
}
