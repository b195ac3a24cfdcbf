/**
 * Data → Vega-Lite → Vega → SVG → PNG. Vega draws the SVG headless (no canvas: the text
 * widths are its estimates, which spec.ts allows for); resvg rasterises it with fonts
 * loaded from the bundled Noto Sans JP files only, never the machine's, so the same data
 * gives the same bytes on any machine, and Japanese names have their glyphs.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { timelineWords, type TimelineLocale } from './labels.ts';
import type { TimelineData } from './rows.ts';
import { FALLBACK_FAMILY, timelineSpec } from './spec.ts';

/** Pixels per SVG unit: sharp on a laptop's and a phone's high-density screens. */
export const PNG_SCALE = 1.25;

/**
 * The TTF files the picture is drawn with (resvg reads TTF and OTF, not WOFF2): Noto Sans
 * for Latin text, Noto Sans JP for the characters it lacks. Shaping a text with the
 * Japanese face costs about ten times as much (its tables are large), so it is the
 * fallback, not the first choice.
 */
export function fontFiles(svg?: string): string[] {
  const require = createRequire(import.meta.url);
  const latin = dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'));
  const latinFiles = [join(latin, '400Regular/NotoSans_400Regular.ttf'), join(latin, '700Bold/NotoSans_700Bold.ttf')];
  // resvg reads every font file on each picture; each Japanese one (5.5 MB) costs about
  // 35 ms, so a picture loads only those its text needs: none when Noto Sans covers it all,
  // the bold one only for bold Japanese text (titles in a Japanese picture; names are regular).
  if (svg !== undefined && !BEYOND_LATIN.test(svg)) return latinFiles;
  const japanese = dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
  const regular = join(japanese, '400Regular/NotoSansJP_400Regular.ttf');
  const bold = join(japanese, '700Bold/NotoSansJP_700Bold.ttf');
  if (svg !== undefined && ![...svg.matchAll(BOLD_TEXT)].some((m) => BEYOND_LATIN.test(m[1]!))) return [...latinFiles, regular];
  return [...latinFiles, regular, bold];
}

const BOLD_TEXT = /<text[^>]*font-weight="bold"[^>]*>([^<]*)<\/text>/g;

/** A character beyond Latin, Latin-1 and the general punctuation (dashes, quotes, …): kana, kanji, full-width forms. */
const BEYOND_LATIN = /[^\u0000-\u024f\u2010-\u2027]/;

export interface TimelinePicture {
  png: Buffer;
  /** Width and height of the PNG in pixels. */
  width: number;
  height: number;
  filename: string;
  title: string;
  altText: string;
  /** Rows drawn and running clocks in all. */
  shown: number;
  total: number;
  /** SHA-256 of the PNG: the same data draws the same bytes. */
  sha256: string;
  /** The language of its words, which the messages around it follow. */
  locale: TimelineLocale;
}

export interface RenderOptions {
  locale?: TimelineLocale | undefined;
}

/** The chart as SVG text. */
export async function timelineSvg(data: TimelineData, options: RenderOptions = {}): Promise<string> {
  // Vega-Lite warns that the layers' date domains "conflict" when one declares it and the
  // others inherit it (the union it takes is that same domain): errors only.
  const spec = compile(timelineSpec(data, options) as Parameters<typeof compile>[0], { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * SVG text → PNG bytes, with the bundled fonts only. Laying out the text and drawing run
 * on libuv's thread pool (renderAsync), so a bot drawing a picture keeps answering.
 */
export async function rasterise(svg: string): Promise<{ png: Buffer; width: number; height: number }> {
  const image = await renderAsync(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: { fontFiles: fontFiles(svg), loadSystemFonts: false, defaultFontFamily: FALLBACK_FAMILY, sansSerifFamily: FALLBACK_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
  });
  return { png: image.asPng(), width: image.width, height: image.height };
}

export async function renderTimeline(data: TimelineData, options: RenderOptions = {}): Promise<TimelinePicture> {
  const words = timelineWords(options.locale);
  const { png, width, height } = await rasterise(await timelineSvg(data, options));
  return {
    png,
    width,
    height,
    filename: `timeline-${data.today}${data.dealCode ? `-${data.dealCode}` : ''}.png`,
    title: words.fileTitle(data.today),
    altText: words.altText(data.rows.length, data.total, data.today),
    shown: data.rows.length,
    total: data.total,
    sha256: createHash('sha256').update(png).digest('hex'),
    locale: words.locale,
  };
}
