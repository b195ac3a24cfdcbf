/**
 * The timeline picture, from a known data set: the SVG carries the rows, today's line and
 * the overdue colour; the PNG is valid, of the size the layout gives, not blank, and the
 * same bytes every time; Japanese and very long names stay inside the picture.
 */
import { runningProject } from '../../helpers/projects.ts';
import { createHash } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CalendarRegistry } from '../../../src/calendar/calendars.ts';
import type { Deal, Project } from '../../../src/domain/project.ts';
import { fontFiles, PNG_SCALE, rasterise, renderTimeline, timelineSvg } from '../../../src/timeline/render.ts';
import { MAX_ROWS, timelineRows, type TimelineData } from '../../../src/timeline/rows.ts';
import { COLOURS, FALLBACK_FAMILY, fitLabel, LABEL_FONT_SIZE, LABEL_WIDTH, conservativeWidth } from '../../../src/timeline/spec.ts';

const DEALS = new Map<string, Deal>([
  [
    'JP',
    {
      code: 'JP',
      name: 'US–Japan',
      partner: 'Japan',
      signedOn: '2025-09-04',
      commitmentUsd: 550e9,
      selectionEndsOn: null,
      clockDays: 45,
      clockCalendar: 'JP-BANK',
      compareCalendars: ['US-FRB'],
      sourceUrl: 'https://example.org',
      note: null,
    },
  ],
]);

function project(number: number, name: string, noticeOn: string): Project {
  return runningProject({ number, name, noticeOn });
}

const TODAY = '2026-05-11';
const LONG_NAME = 'Gulf Coast Liquefied Natural Gas Export Terminal Phase Two W'; // 60 characters
const JAPANESE_NAME = '東京湾岸 水素・アンモニア供給網 整備事業(第二期)長期計画の名前';

function data(projects: Project[], total = projects.length): TimelineData {
  return timelineRows({ projects, total, deals: DEALS, registry: new CalendarRegistry(), today: TODAY });
}

const KNOWN = () =>
  data([
    project(1, 'Texas GulfLink', '2026-02-20'), // due in April: overdue on the 11th of May
    project(2, 'Ohio small modular reactors', '2026-04-20'),
    project(3, JAPANESE_NAME, '2026-04-10'), // its clock runs through Golden Week
    project(4, LONG_NAME, '2026-05-01'),
  ]);

/** Absolute x of every `<text>` under nested `translate(x,y)` groups, with its anchor and content. */
function textsOf(svg: string): { x: number; anchor: string; text: string; size: number }[] {
  const out: { x: number; anchor: string; text: string; size: number }[] = [];
  const stack: number[] = [0];
  for (const m of svg.matchAll(/<(\/?)(g|text)\b([^>]*)>([^<]*)/g)) {
    const [, closing, tag, attrs, content] = m;
    const dx = Number(/transform="translate\(([-\d.]+)/.exec(attrs ?? '')?.[1] ?? 0);
    if (tag === 'g') {
      if (closing) stack.pop();
      else if (!attrs!.endsWith('/')) stack.push(stack.at(-1)! + dx);
      continue;
    }
    if (closing) continue;
    out.push({
      x: stack.at(-1)! + dx,
      anchor: /text-anchor="(\w+)"/.exec(attrs!)?.[1] ?? 'start',
      text: content!
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"'),
      size: Number(/font-size="([\d.]+)/.exec(attrs!)?.[1] ?? 12),
    });
  }
  return out;
}

describe('the timeline rows', () => {
  it('puts overdue clocks first, then the soonest due, and keeps at most 25', () => {
    const d = KNOWN();
    expect(d.rows.map((r) => r.number)).toEqual([1, 3, 2, 4]);
    expect(d.rows[0]!.kind).toBe('overdue');
    const many = data(Array.from({ length: 40 }, (_, i) => project(i + 1, `Project ${i + 1}`, '2026-04-01')));
    expect(many.rows).toHaveLength(MAX_ROWS);
    expect(many.total).toBe(40);
  });

  it('marks Golden Week as closed days and the spread where the US calendar differs', () => {
    const row = KNOWN().rows.find((r) => r.number === 3)!;
    expect(row.closed.map((c) => c.date)).toEqual(expect.arrayContaining(['2026-04-29', '2026-05-04', '2026-05-05', '2026-05-06']));
    expect(row.spreadDue).toBeDefined();
    expect(row.spreadDue! < row.due).toBe(true);
    expect(row.milestones.map((m) => m.days)).toEqual([30, 15, 10, 5]);
  });
});

describe('the timeline SVG', () => {
  it('has a row per clock, the today line and the overdue colour', async () => {
    const svg = await timelineSvg(KNOWN());
    const texts = textsOf(svg).map((t) => t.text);
    expect(texts).toContain('#1 Texas GulfLink');
    expect(texts).toContain('#2 Ohio small modular reactors');
    expect(texts).toContain('today');
    expect(texts.some((t) => t.startsWith('overdue by '))).toBe(true);
    expect(svg).toContain(`fill="${COLOURS.overdue}"`);
    expect(svg).toContain(`stroke="${COLOURS.today}"`);
    expect(svg).toContain(`fill="${COLOURS.closed}"`);
    expect(texts.some((t) => t.startsWith('As of Mon 2026-05-11'))).toBe(true);
  });

  it('says how many more clocks there are when it cannot draw them all', async () => {
    const svg = await timelineSvg(data([project(1, 'One', '2026-04-01')], 30));
    expect(svg).toContain('and 29 more');
  });

  it('cuts a 60-character name to fit its column, and Japanese ones too', () => {
    expect(LONG_NAME).toHaveLength(60);
    const cut = fitLabel(`#4 ${LONG_NAME}`, LABEL_WIDTH, LABEL_FONT_SIZE);
    expect(cut.endsWith('…')).toBe(true);
    expect(conservativeWidth(cut, LABEL_FONT_SIZE)).toBeLessThanOrEqual(LABEL_WIDTH);
    expect(fitLabel(`#3 ${JAPANESE_NAME}`, LABEL_WIDTH, LABEL_FONT_SIZE).endsWith('…')).toBe(true);
  });

  it('keeps every text inside the picture and the row labels left of the plot, measured with the real fonts', async () => {
    const svg = await timelineSvg(KNOWN());
    const width = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);
    const height = Number(/<svg[^>]*height="([\d.]+)"/.exec(svg)![1]);
    const fonts = { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'Noto Sans JP' };
    // Everything drawn (the background is left out), with glyph outlines from the bundled fonts.
    const all = new Resvg(svg, { font: fonts }).getBBox()!;
    expect(all.x).toBeGreaterThanOrEqual(0);
    expect(all.y).toBeGreaterThanOrEqual(0);
    expect(all.x + all.width).toBeLessThanOrEqual(width);
    expect(all.y + all.height).toBeLessThanOrEqual(height);
    // Each row label alone, drawn where the SVG puts it: it ends left of the plot.
    const labels = textsOf(svg).filter((t) => t.text.startsWith('#'));
    expect(labels).toHaveLength(4);
    const plotLeft = Math.min(...labels.map((l) => l.x)) + 1;
    for (const label of labels) {
      const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="40"><text x="${label.x}" y="20" text-anchor="${label.anchor}" font-family="Noto Sans, Noto Sans JP" font-size="${label.size}">${escapeXml(label.text)}</text></svg>`;
      const box = new Resvg(alone, { font: fonts }).getBBox()!;
      expect(box.width, label.text).toBeGreaterThan(20);
      expect(box.x, label.text).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, label.text).toBeLessThanOrEqual(plotLeft);
    }
  });
});

describe('the timeline in Japanese', () => {
  it('has its title, legend, today line and row labels in Japanese, inside the picture', async () => {
    const svg = await timelineSvg(KNOWN(), { locale: 'ja' });
    const texts = textsOf(svg).map((t) => t.text);
    expect(texts).toContain('今日');
    expect(texts).toContain('凡例');
    expect(texts).toContain('期限超過');
    expect(texts.some((t) => t.startsWith('出資期限'))).toBe(true);
    expect(texts.some((t) => /^\d+営業日超過 · 2026年4月\d+日$/.test(t))).toBe(true);
    expect(texts.some((t) => /^残り\d+営業日 · /.test(t))).toBe(true);
    const width = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);
    const box = new Resvg(svg, { font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'Noto Sans JP' } }).getBBox()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    const picture = await renderTimeline(KNOWN(), { locale: 'ja' });
    expect(picture.locale).toBe('ja');
    expect(picture.altText).toContain('4件');
  });
});

describe('the timeline PNG', () => {
  it('is a valid PNG of the layout size, not blank, with the overdue red in it', async () => {
    const picture = await renderTimeline(KNOWN());
    const png = PNG.sync.read(picture.png);
    const svg = await timelineSvg(KNOWN());
    const width = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);
    expect(png.width).toBe(Math.round(width * PNG_SCALE));
    expect(png.width).toBe(picture.width);
    expect(png.height).toBe(picture.height);
    expect(png.width).toBeGreaterThan(1200);
    expect(png.height).toBeGreaterThan(250);
    let white = 0;
    let dark = 0;
    let red = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (r > 245 && g > 245 && b > 245) white++;
      if (r + g + b < 150) dark++;
      if (r > 180 && g < 80 && b < 80) red++;
    }
    const pixels = png.width * png.height;
    // Mostly background, but with text and bars drawn on it.
    expect(white / pixels).toBeGreaterThan(0.5);
    expect(white / pixels).toBeLessThan(0.97);
    expect(dark).toBeGreaterThan(2000);
    expect(red).toBeGreaterThan(1000);
  });

  it('gives the same bytes for the same data', async () => {
    const a = await renderTimeline(KNOWN());
    const b = await renderTimeline(KNOWN());
    expect(a.sha256).toBe(b.sha256);
    expect(createHash('sha256').update(b.png).digest('hex')).toBe(a.sha256);
    const other = await renderTimeline(data([project(1, 'Texas GulfLink', '2026-03-03')]));
    expect(other.sha256).not.toBe(a.sha256);
  });

  it('loads the Japanese fonts only for a picture with Japanese text, and draws a Latin one the same without them', async () => {
    const latin = await timelineSvg(data([project(1, 'Texas GulfLink', '2026-03-03')]));
    const japanese = await timelineSvg(data([project(1, 'テキサス・ガルフリンク', '2026-03-03')]));
    expect(fontFiles(latin)).toHaveLength(2);
    // A Japanese name is regular weight; the bold Japanese face is for a Japanese title.
    expect(fontFiles(japanese)).toHaveLength(3);
    expect(fontFiles(await timelineSvg(data([project(1, 'テキサス・ガルフリンク', '2026-03-03')]), { locale: 'ja' }))).toHaveLength(4);
    const allFonts = new Resvg(japanese, {
      background: '#ffffff',
      fitTo: { mode: 'zoom', value: PNG_SCALE },
      font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FALLBACK_FAMILY, sansSerifFamily: FALLBACK_FAMILY },
      shapeRendering: 2,
      textRendering: 1,
    }).render();
    expect(createHash('sha256').update(allFonts.asPng()).digest('hex')).toBe(
      createHash('sha256')
        .update((await rasterise(japanese)).png)
        .digest('hex'),
    );
    const without = await rasterise(latin);
    const image = new Resvg(latin, {
      background: '#ffffff',
      fitTo: { mode: 'zoom', value: PNG_SCALE },
      font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FALLBACK_FAMILY, sansSerifFamily: FALLBACK_FAMILY },
      shapeRendering: 2,
      textRendering: 1,
    }).render();
    expect(createHash('sha256').update(image.asPng()).digest('hex')).toBe(createHash('sha256').update(without.png).digest('hex'));
  });

  it('draws Japanese names with glyphs, not empty boxes', async () => {
    // The same text drawn with the bundled fonts and with no font at all: a missing glyph
    // draws nothing in resvg, so a name with its glyphs has ink the fontless one lacks.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="4" y="28" font-family="Noto Sans, Noto Sans JP" font-size="20">東京湾 水素</text></svg>`;
    const ink = (png: Buffer) => {
      const p = PNG.sync.read(png);
      let n = 0;
      for (let i = 0; i < p.data.length; i += 4) if (p.data[i]! < 128) n++;
      return n;
    };
    const drawn = ink((await rasterise(svg)).png);
    expect(drawn).toBeGreaterThan(300);
  });
});

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
