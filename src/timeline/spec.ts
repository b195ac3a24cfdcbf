/**
 * The timeline as a Vega-Lite chart: rows on a band axis, dates on a UTC time axis (civil
 * dates have no time zone, so nothing here may depend on the machine's), one layer per
 * kind of mark. Everything is sized in pixels here so the picture reads the same
 * everywhere; render.ts turns it into SVG and PNG.
 */
import { toDayNumber, type CivilDate } from '../core/civil-date.ts';
import { timelineWords, type MarkKind, type TimelineLocale } from './labels.ts';
import type { TimelineData } from './rows.ts';

/** Latin first; resvg takes each character the first face lacks from the next. */
export const FONT_FAMILY = 'Noto Sans, Noto Sans JP';
export const FALLBACK_FAMILY = 'Noto Sans JP';
export const PLOT_WIDTH = 760;
export const ROW_HEIGHT = 30;
/** The row labels' column, in pixels: a name longer than this is cut with `…`. */
export const LABEL_WIDTH = 270;
export const LABEL_FONT_SIZE = 12;
const STATUS_FONT_SIZE = 11;
const LEGEND_FONT_SIZE = 11;

const DAY_MS = 86_400_000;

export const COLOURS = {
  running: '#3b6ea8',
  due_soon: '#e08a1e',
  overdue: '#c62828',
  not_started: '#9e9e9e',
  spread: '#7b1fa2',
  milestone: '#1a1a1a',
  closed: '#d9d9d9',
  today: '#c62828',
} as const;

/** Noon of a civil date, in epoch milliseconds: a mark sits in the middle of its day. */
export function dayMidpoint(date: CivilDate): number {
  return toDayNumber(date) * DAY_MS + DAY_MS / 2;
}

function dayStart(date: CivilDate): number {
  return toDayNumber(date) * DAY_MS;
}

/**
 * A width in pixels no wider than the text can be drawn in Noto Sans: full-width
 * characters take an em, the widest Latin capitals nearly one, the rest less. It errs
 * wide, so a label cut to it never runs into the plot.
 */
export function conservativeWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code > 0x2e7f) em += 1;
    else if (/[MWmw@%]/.test(ch)) em += 1;
    else if (/[A-Z0-9#&]/.test(ch)) em += 0.75;
    else if (code > 0x7f) em += 0.8;
    else em += 0.62;
  }
  return em * fontSize;
}

/** The label cut with `…` so that it fits `maxWidth` pixels. */
export function fitLabel(text: string, maxWidth: number, fontSize: number): string {
  if (conservativeWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && conservativeWidth(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

export interface SpecOptions {
  locale?: TimelineLocale | undefined;
}

/** Bounds of the date axis: a few days either side of every bar and of today. */
function dateDomain(data: TimelineData): [number, number] {
  const dates = [data.today, ...data.rows.flatMap((r) => [r.notice, r.due, ...(r.spreadDue ? [r.spreadDue] : [])])];
  const sorted = dates.map(dayStart).sort((a, b) => a - b);
  return [sorted[0]! - 3 * DAY_MS, sorted.at(-1)! + 4 * DAY_MS];
}

/** A Vega-Lite DateTime of a UTC instant (a bare number would be read as a local time). */
function utcDateTime(ms: number): { year: number; month: number; date: number; utc: true } {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), utc: true };
}

// biome-ignore lint/suspicious/noExplicitAny: a Vega-Lite spec is JSON; its types live in vega-lite.
export type VegaLiteSpec = Record<string, any>;

export function timelineSpec(data: TimelineData, options: SpecOptions = {}): VegaLiteSpec {
  const words = timelineWords(options.locale);
  const labelOf = new Map(data.rows.map((r) => [r, fitLabel(r.label, LABEL_WIDTH, LABEL_FONT_SIZE)]));
  const order = data.rows.map((r) => labelOf.get(r)!);
  const legend: Record<MarkKind, string> = {
    running: words.mark('running'),
    due_soon: words.mark('due_soon'),
    overdue: words.mark('overdue'),
    not_started: words.mark('not_started'),
    spread: words.mark('spread'),
    milestone: words.mark('milestone'),
    closed: words.mark('closed'),
  };
  const legendShortfall = Math.max(0, ...Object.values(legend).map((l) => conservativeWidth(l, LEGEND_FONT_SIZE) - 0.8 * l.length * LEGEND_FONT_SIZE));
  const domain = dateDomain(data);
  // The labels are the row axis; `minExtent` reserves their column whatever Vega's own
  // estimate of a label's width (it counts every character as 0.8 em, too little for Japanese).
  const y = {
    field: 'row',
    type: 'nominal',
    sort: order,
    title: null,
    axis: { labelLimit: 0, minExtent: LABEL_WIDTH + 8, labelPadding: 8, labelFontSize: LABEL_FONT_SIZE, labelColor: '#111111', ticks: false, domain: false },
  };
  // The scale is declared once (on the bars); every layer shares it.
  const x = { field: 'x', type: 'temporal', title: null };
  const colour = {
    field: 'key',
    type: 'nominal',
    scale: {
      domain: Object.values(legend),
      range: [COLOURS.running, COLOURS.due_soon, COLOURS.overdue, COLOURS.not_started, COLOURS.spread, COLOURS.milestone, COLOURS.closed],
    },
    // Columns are as wide as Vega's estimate of their labels; the padding adds what the
    // estimate misses for Japanese, so no entry runs into the next.
    legend: {
      title: words.legendTitle,
      orient: 'bottom',
      direction: 'horizontal',
      columns: 4,
      symbolType: 'square',
      labelLimit: 0,
      columnPadding: 12 + Math.ceil(legendShortfall),
    },
  };
  const height = Math.max(1, data.rows.length) * ROW_HEIGHT;

  const closed = data.rows.flatMap((r) =>
    r.closed.map((c) => ({ row: labelOf.get(r), x: dayStart(c.date), x2: dayStart(c.date) + DAY_MS, key: legend.closed, name: c.name })),
  );
  const bars = data.rows.map((r) => ({ row: labelOf.get(r), x: dayMidpoint(r.notice), x2: dayMidpoint(r.due), key: legend[r.kind] }));
  const ticks = data.rows.flatMap((r) => r.milestones.map((m) => ({ row: labelOf.get(r), x: dayMidpoint(m.on), key: legend.milestone })));
  const spread = data.rows.flatMap((r) => (r.spreadDue ? [{ row: labelOf.get(r), x: dayMidpoint(r.spreadDue), key: legend.spread }] : []));
  const status = data.rows.map((r) => ({ row: labelOf.get(r), text: words.rowStatus(r), overdue: r.kind === 'overdue' }));
  // Vega sizes the picture from its estimate of each text's width (0.8 em a character);
  // the status column gets the difference to a width it cannot exceed.
  const statusShortfall = Math.max(0, ...status.map((s) => conservativeWidth(s.text, STATUS_FONT_SIZE) - 0.8 * s.text.length * STATUS_FONT_SIZE));

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: PLOT_WIDTH,
    height,
    background: null,
    padding: { left: 12, right: 12 + Math.ceil(statusShortfall), top: 12, bottom: 12 },
    title: {
      text: words.title(data.dealCode),
      subtitle: words.subtitle(data.today, data.rows.length, data.total),
      anchor: 'start',
      fontSize: 18,
      subtitleFontSize: 12,
      subtitleColor: '#444444',
      offset: 12,
    },
    config: {
      font: FONT_FAMILY,
      view: { stroke: '#bbbbbb' },
      axis: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelFontSize: 11, labelColor: '#333333' },
      legend: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelFontSize: LEGEND_FONT_SIZE, titleFontSize: 11 },
      title: { font: FONT_FAMILY, subtitleFont: FONT_FAMILY },
      text: { font: FONT_FAMILY },
    },
    layer: [
      {
        data: { values: closed },
        mark: { type: 'rect', opacity: 0.9 },
        encoding: { x, x2: { field: 'x2' }, y, color: colour, tooltip: { field: 'name' } },
      },
      {
        data: { values: bars },
        mark: { type: 'bar', height: { band: 0.5 }, cornerRadius: 3 },
        encoding: {
          x: {
            ...x,
            scale: { type: 'utc', domain: domain.map(utcDateTime) },
            axis: { format: words.axisDateFormat, grid: true, gridColor: '#eeeeee', tickCount: 12, labelFlush: true },
          },
          x2: { field: 'x2' },
          y,
          color: colour,
        },
      },
      {
        data: { values: ticks },
        mark: { type: 'tick', orient: 'vertical', thickness: 2, size: ROW_HEIGHT * 0.5, opacity: 0.9 },
        encoding: { x, y, color: colour },
      },
      {
        data: { values: spread },
        mark: { type: 'point', shape: 'diamond', filled: true, size: 90, opacity: 1, stroke: '#ffffff', strokeWidth: 1 },
        encoding: { x, y, color: colour },
      },
      {
        data: { values: [{ x: dayMidpoint(data.today), label: words.today }] },
        layer: [
          { mark: { type: 'rule', color: COLOURS.today, strokeWidth: 2, strokeDash: [6, 3] }, encoding: { x } },
          {
            mark: { type: 'text', color: COLOURS.today, fontSize: 11, fontWeight: 'bold', baseline: 'bottom', dy: -2, y: 0 },
            encoding: { x, text: { field: 'label' } },
          },
        ],
      },
      {
        data: { values: status },
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: STATUS_FONT_SIZE, x: PLOT_WIDTH + 8, limit: 0 },
        encoding: {
          y,
          text: { field: 'text' },
          color: { condition: { test: 'datum.overdue', value: COLOURS.overdue }, value: '#222222' },
        },
      },
    ],
    resolve: { scale: { color: 'shared' } },
  };
}
