/**
 * The public-data pack (data/public-data.json): the public facts a new workspace starts
 * with, each with its source and a label. This file is the pack's schema and the one
 * reader of pack files: a pack that does not validate is refused with the file, the path
 * in it and what is wrong, before anything is written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isBaseCalendarId } from '../../calendar/holiday-data.ts';
import { isCivilDate, type CivilDate } from '../../core/civil-date.ts';
import { UserError } from '../../core/errors.ts';
import { STAGES } from '../../domain/project.ts';

/** The pack shipped with this release. */
export const SHIPPED_PACK_FILE = fileURLToPath(new URL('../../../data/public-data.json', import.meta.url));

/** How sure a fact is: an official text says it; news only; computed or inferred; searched and not found. */
export const FACT_LABELS = ['confirmed', 'reported', 'estimated'] as const;
export type FactLabel = (typeof FACT_LABELS)[number];
export type FieldLabel = FactLabel | 'not_found';

export const EVENT_KINDS = ['announced', 'selected', 'notice', 'funding_date_named', 'financing_signed', 'funded', 'declined', 'update'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const COST_QUALIFIERS = ['about', 'up_to', 'more_than'] as const;
export type CostQualifier = (typeof COST_QUALIFIERS)[number];

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const key = z.string().regex(KEY, 'letters, digits, `.`, `_` and `-`, at most 80');
const text = (max: number) => z.string().trim().min(1, 'empty').max(max, `at most ${max} characters`);
const date = z.string().refine((s) => isCivilDate(s) && s >= '2000-01-01' && s <= '2040-12-31', 'a date YYYY-MM-DD from 2000 to 2040');
const url = z
  .string()
  .max(500)
  .regex(/^https?:\/\/[^\s<>|]+$/, 'an http(s) URL without spaces, `<`, `>` or `|`');
const percent = z.number().min(0, '0 to 200').max(200, '0 to 200');
const label = z.enum(FACT_LABELS);

/** One fact about a project: its value, where it comes from and how sure it is. */
function field<T extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(value: T, extra?: E) {
  return z
    .object({
      value: value.nullable(),
      label: z.enum([...FACT_LABELS, 'not_found']),
      source: key,
      note: text(1000).optional(),
      noteJa: text(1000).optional(),
      ...(extra as E),
    })
    .strict()
    .refine((f) => ((f as { label: string }).label === 'not_found') === ((f as { value: unknown }).value === null), {
      message: 'a value of null goes with the label `not_found`, and `not_found` with null',
      path: ['label'],
    });
}

const source = z
  .object({
    title: text(300),
    publisher: text(200),
    date: date.optional(),
    url: url.optional(),
    citation: text(100).optional(),
  })
  .strict();

const event = z
  .object({
    id: key,
    kind: z.enum(EVENT_KINDS),
    date,
    summary: text(500),
    summaryJa: text(500).optional(),
    label,
    source: key,
    note: text(1000).optional(),
    noteJa: text(1000).optional(),
  })
  .strict();

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and dashes')
  .max(60);
const money = z.number().int('whole US dollars').min(0).max(Number.MAX_SAFE_INTEGER);

const project = z
  .object({
    id: key,
    deal: z.string().regex(/^[A-Z]{2,8}$/, 'a deal code such as `JP`'),
    slug,
    name: field(text(200)),
    sponsor: field(text(200), { valueJa: text(200).optional() }).optional(),
    location: field(text(200), { valueJa: text(200).optional() }).optional(),
    sector: field(text(200), { valueJa: text(200).optional() }).optional(),
    cost: field(money, { qualifier: z.enum(COST_QUALIFIERS).optional() }).optional(),
    announced: field(date).optional(),
    stage: field(z.enum(STAGES)),
    notice: field(date).optional(),
    due: field(date).optional(),
    funded: field(date).optional(),
    declined: field(date).optional(),
    events: z.array(event).max(200).default([]),
  })
  .strict();

const regime = z
  .object({
    id: key,
    deal: z.string().regex(/^[A-Z]{2,8}$/, 'a deal code such as `JP`'),
    category: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'one lower-case word (letters, digits, dashes)'),
    form: z.enum(['flat', 'mfn_plus', 'mfn_max']),
    rate: percent,
    assumedMfn: z
      .object({ rate: percent, label, source: key, note: text(1000).optional(), noteJa: text(1000).optional() })
      .strict()
      .optional(),
    threatened: percent,
    basis: text(300),
    basisJa: text(300).optional(),
    from: date,
    to: date.nullable(),
    label,
    source: key,
    reliability: z.enum(['primary', 'reliable', 'weak']),
    note: text(1000).optional(),
    noteJa: text(1000).optional(),
  })
  .strict();

const baseline = z
  .object({
    id: key,
    deal: z.string().regex(/^[A-Z]{2,8}$/, 'a deal code such as `JP`'),
    category: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'one lower-case word (letters, digits, dashes)'),
    annualUsd: money,
    year: z.number().int().min(1990).max(2100),
    basis: text(300),
    basisJa: text(300).optional(),
    label,
    source: key,
    reliability: z.enum(['primary', 'reliable', 'weak']),
    note: text(1000).optional(),
    noteJa: text(1000).optional(),
  })
  .strict();

const closure = z
  .object({
    id: key,
    calendar: z.string().refine(isBaseCalendarId, 'a base calendar: US-FRB, US-OPM, JP-BANK or KR-BANK'),
    date,
    reason: text(200),
    reasonJa: text(200).optional(),
    label,
    source: key,
  })
  .strict();

const packShape = z
  .object({
    format: z.literal(1),
    version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/, 'a version such as `2026.11.09`'),
    asOf: date,
    about: text(2000).optional(),
    aboutJa: text(2000).optional(),
    sources: z.record(key, source),
    projects: z.array(project).max(1000),
    regimes: z.array(regime).max(1000),
    baselines: z.array(baseline).max(1000),
    closures: z.array(closure).max(1000),
  })
  .strict();

export type Pack = z.infer<typeof packShape>;
export type PackProject = Pack['projects'][number];
export type PackEvent = PackProject['events'][number];
export type PackRegime = Pack['regimes'][number];
export type PackBaseline = Pack['baselines'][number];
export type PackClosure = Pack['closures'][number];
export type PackSource = Pack['sources'][string];

/** One thing wrong with a pack: where in the file, and what. */
export interface PackProblem {
  path: string;
  message: string;
}

/** `projects[2].cost.value` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(the whole file)';
}

/** A pack project's fields, each with its value, source and label. */
const PROJECT_FIELDS = ['name', 'sponsor', 'location', 'sector', 'cost', 'announced', 'stage', 'notice', 'due', 'funded', 'declined'] as const;

/**
 * Checks that no zod rule can see alone: every source named exists, ids and slugs are
 * unique, deals are known, a deal's regimes for one category do not overlap, and a
 * project's stage has the dates it needs.
 */
function crossCheck(pack: Pack, deals: ReadonlySet<string>): PackProblem[] {
  const problems: PackProblem[] = [];
  const add = (path: PropertyKey[], message: string) => problems.push({ path: formatPath(path), message });
  const needSource = (path: PropertyKey[], key: string) => {
    if (!Object.hasOwn(pack.sources, key)) add(path, `no source \`${key}\` in \`sources\``);
  };
  const needDeal = (path: PropertyKey[], code: string) => {
    if (!deals.has(code)) add(path, `unknown deal \`${code}\` (deals: ${[...deals].join(', ')})`);
  };
  const unique = (seen: Map<string, string>, value: string, path: PropertyKey[], what: string) => {
    const first = seen.get(value);
    if (first) add(path, `${what} \`${value}\` is also used at ${first}`);
    else seen.set(value, formatPath(path));
  };

  const ids = new Map<string, string>();
  const slugs = new Map<string, string>();
  const eventIds = new Map<string, string>();
  pack.projects.forEach((p, i) => {
    const at = ['projects', i];
    unique(ids, p.id, [...at, 'id'], 'project id');
    unique(slugs, p.slug, [...at, 'slug'], 'slug');
    needDeal([...at, 'deal'], p.deal);
    for (const name of PROJECT_FIELDS) {
      const f = p[name];
      if (f) needSource([...at, name, 'source'], f.source);
    }
    if (p.cost?.qualifier && p.cost.value === null) add([...at, 'cost', 'qualifier'], 'a qualifier goes with an amount');
    if (p.name.value === null) add([...at, 'name', 'value'], 'a project needs a name');
    if (p.stage.value === null) add([...at, 'stage', 'value'], 'a project needs a stage');
    const stage = p.stage.value;
    const needs: Partial<Record<string, 'notice' | 'funded' | 'declined'>> = { selected: 'notice', funded: 'funded', declined: 'declined' };
    const needed = stage ? needs[stage] : undefined;
    if (needed && !p[needed]?.value) add([...at, needed], `a ${stage} project needs \`${needed}\` with a date`);
    if ((p.due || p.notice) && stage !== null && !['selected', 'funded', 'declined', 'withdrawn'].includes(stage)) {
      add([...at, p.notice ? 'notice' : 'due'], `a ${stage} project has no notice yet; set the stage it reached`);
    }
    if (p.due?.value && !p.notice?.value) add([...at, 'due'], 'a named funding date needs `notice`');
    p.events.forEach((e, j) => {
      unique(eventIds, e.id, [...at, 'events', j, 'id'], 'event id');
      needSource([...at, 'events', j, 'source'], e.source);
    });
  });

  const regimeIds = new Map<string, string>();
  pack.regimes.forEach((r, i) => {
    const at = ['regimes', i];
    unique(regimeIds, r.id, [...at, 'id'], 'regime id');
    needDeal([...at, 'deal'], r.deal);
    needSource([...at, 'source'], r.source);
    if (r.to !== null && r.to < r.from) add([...at, 'to'], `ends before it starts (${r.from})`);
    if (r.form === 'flat' && r.assumedMfn) add([...at, 'assumedMfn'], 'a flat rate assumes no MFN rate; use form `mfn_plus` or `mfn_max`');
    if (r.form !== 'flat' && !r.assumedMfn) add([...at, 'assumedMfn'], `form \`${r.form}\` needs the MFN rate it assumes and its source`);
    if (r.assumedMfn) needSource([...at, 'assumedMfn', 'source'], r.assumedMfn.source);
    pack.regimes.slice(0, i).forEach((o, j) => {
      if (o.deal !== r.deal || o.category !== r.category) return;
      const overlap = r.from <= (o.to ?? '9999-12-31') && o.from <= (r.to ?? '9999-12-31');
      if (overlap)
        add([...at, 'from'], `overlaps regimes[${j}] (${o.deal} ${o.category} ${o.from} to ${o.to ?? 'open'}); one regime per deal and category at a time`);
    });
  });

  const baselineIds = new Map<string, string>();
  pack.baselines.forEach((b, i) => {
    unique(baselineIds, b.id, ['baselines', i, 'id'], 'baseline id');
    needDeal(['baselines', i, 'deal'], b.deal);
    needSource(['baselines', i, 'source'], b.source);
  });

  const closureIds = new Map<string, string>();
  const closureDays = new Map<string, string>();
  pack.closures.forEach((c, i) => {
    unique(closureIds, c.id, ['closures', i, 'id'], 'closure id');
    unique(closureDays, `${c.calendar} ${c.date}`, ['closures', i, 'date'], 'closure');
    needSource(['closures', i, 'source'], c.source);
  });
  return problems;
}

/** An English text of the pack and its Japanese twin (`note` / `noteJa`), and where they are. */
interface TextPair {
  path: PropertyKey[];
  /** The twin's name in the file: `noteJa`, `summaryJa`, `valueJa`, … */
  twin: string;
  en: string | null | undefined;
  ja: string | undefined;
}

/** Every text of the pack that may carry Japanese, with its twin (present or not). */
function textPairs(pack: Pack): TextPair[] {
  const pairs: TextPair[] = [];
  const pair = (path: PropertyKey[], name: string, en: string | null | undefined, ja: string | undefined) => {
    pairs.push({ path, twin: `${name}Ja`, en, ja });
  };
  pair([], 'about', pack.about, pack.aboutJa);
  pack.projects.forEach((p, i) => {
    for (const name of PROJECT_FIELDS) {
      const f = p[name];
      if (!f) continue;
      pair(['projects', i, name], 'note', f.note, f.noteJa);
      if (name === 'sponsor' || name === 'location' || name === 'sector') pair(['projects', i, name], 'value', p[name]?.value, p[name]?.valueJa);
    }
    p.events.forEach((e, j) => {
      pair(['projects', i, 'events', j], 'summary', e.summary, e.summaryJa);
      pair(['projects', i, 'events', j], 'note', e.note, e.noteJa);
    });
  });
  pack.regimes.forEach((r, i) => {
    pair(['regimes', i], 'basis', r.basis, r.basisJa);
    pair(['regimes', i], 'note', r.note, r.noteJa);
    if (r.assumedMfn) pair(['regimes', i, 'assumedMfn'], 'note', r.assumedMfn.note, r.assumedMfn.noteJa);
  });
  pack.baselines.forEach((b, i) => {
    pair(['baselines', i], 'basis', b.basis, b.basisJa);
    pair(['baselines', i], 'note', b.note, b.noteJa);
  });
  for (const [i, c] of pack.closures.entries()) pair(['closures', i], 'reason', c.reason, c.reasonJa);
  return pairs;
}

/**
 * The pack's Japanese, by the English text it translates. Keyed by the text, not by the
 * record, so that a value someone in the workspace edits (a sponsor, a reason) has no
 * Japanese any more and is shown as they typed it, never as a stale translation.
 */
export function japaneseTexts(pack: Pack): Map<string, string> {
  const texts = new Map<string, string>();
  for (const p of textPairs(pack)) if (p.en && p.ja !== undefined && !texts.has(p.en)) texts.set(p.en, p.ja);
  return texts;
}

/** Texts whose English could not be on screen, and one English text with two Japanese. */
function checkTwins(pack: Pack): PackProblem[] {
  const problems: PackProblem[] = [];
  const seen = new Map<string, { ja: string; at: string }>();
  for (const p of textPairs(pack)) {
    if (p.ja === undefined) continue;
    const at = formatPath([...p.path, p.twin]);
    const english = p.twin.slice(0, -2);
    if (!p.en) {
      problems.push({ path: at, message: `the Japanese of \`${english}\`, which has no text here` });
      continue;
    }
    const first = seen.get(p.en);
    if (first && first.ja !== p.ja) problems.push({ path: at, message: `the same English text has another Japanese at ${first.at}` });
    else if (!first) seen.set(p.en, { ja: p.ja, at });
  }
  return problems;
}

/** A refused pack: the file, and each problem with its path. */
export function packError(file: string, problems: readonly PackProblem[]): UserError {
  const shown = problems.slice(0, 10).map((p) => `${p.path}: ${p.message}`);
  if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
  return new UserError('pack_invalid', { file, problems: shown });
}

/** Validates a parsed pack; throws `pack_invalid` naming the file and the paths. */
export function validatePack(raw: unknown, file: string, deals: Iterable<string>): Pack {
  const parsed = packShape.safeParse(raw);
  if (!parsed.success) {
    throw packError(
      file,
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  }
  const problems = [...crossCheck(parsed.data, new Set(deals)), ...checkTwins(parsed.data)];
  if (problems.length) throw packError(file, problems);
  return parsed.data;
}

/** Reads and validates a pack file. */
export function readPack(file: string, deals: Iterable<string>): Pack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError('file_error', {
      action: 'read',
      file,
      reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw packError(file, [{ path: '(the whole file)', message: `not JSON: ${(err as Error).message}` }]);
  }
  return validatePack(raw, file, deals);
}

/** Is pack `a` older than `b`? By the as-of date, then the version. */
export function isOlderPack(a: { asOf: CivilDate; version: string }, b: { asOf: CivilDate; version: string }): boolean {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf;
  return a.version.localeCompare(b.version, 'en', { numeric: true }) < 0;
}
