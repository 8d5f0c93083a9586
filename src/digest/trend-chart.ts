// The digest's trend chart: the watched crates' weekly crates.io downloads and the projects' GitHub stars over the
// history window, as a PNG with alt text. Vega-Lite describes the chart, Vega renders it to SVG with no DOM and no
// canvas, and resvg (Rust, prebuilt binaries shipped inside its npm packages) turns the SVG into a PNG. The two
// panels never share an axis: downloads are a Rust-only signal and are not set against anything on the Go side.
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { neutralizeMentions, truncate } from '../core/safe-text.ts';
import { formatChange, percentChange } from './build.ts';
import type { Collection } from '../store/snapshot.ts';

export const CHART_FILE_NAME = 'chart.png';
/** Bounded well under Discord's 1,024-character attachment description and Slack's alt_text limit. */
const ALT_TEXT_MAX = 600;
const FONT = 'DejaVu Sans';

export interface TrendChart {
  png: Buffer;
  /** What the chart shows, in words, for screen readers (Slack alt_text, Discord attachment description). */
  altText: string;
}

interface TrendPoint {
  week: string;
  name: string;
  language: 'rust' | 'go';
  metric: 'downloads_7d' | 'stars';
  value: number;
}

/** One point per week, item and metric with a stored value; missing values (a failed source) are gaps, not zeros. */
function trendPoints(history: Collection[]): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const collection of history) {
    for (const item of collection.items) {
      if (item.downloads7d !== undefined) points.push({ week: collection.week, name: item.name, language: item.language, metric: 'downloads_7d', value: item.downloads7d });
      if (item.stars !== undefined) points.push({ week: collection.week, name: item.name, language: item.language, metric: 'stars', value: item.stars });
    }
  }
  return points;
}

function panel(title: string, metric: TrendPoint['metric'], points: TrendPoint[]) {
  return {
    title,
    width: 560,
    height: 200,
    data: { values: points.filter((point) => point.metric === metric) },
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: { field: 'week', type: 'ordinal' as const, title: 'ISO week', axis: { labelAngle: 0 } },
      // Log scale: the watched projects differ by two orders of magnitude, and a week's change is a ratio.
      y: { field: 'value', type: 'quantitative' as const, title: metric === 'stars' ? 'stars' : 'downloads (7 days)', scale: { type: 'log' as const }, axis: { format: '~s' } },
      color: { field: 'name', type: 'nominal' as const, title: metric === 'stars' ? 'project' : 'crate', scale: { scheme: 'category20' } },
      strokeDash: { field: 'language', type: 'nominal' as const, title: 'language' },
    },
  };
}

/** Biggest movers of a metric from the first to the last week of the window, in words. */
function movers(points: TrendPoint[], metric: TrendPoint['metric'], firstWeek: string, lastWeek: string): string {
  const names = [...new Set(points.filter((point) => point.metric === metric).map((point) => point.name))];
  const changes = names.flatMap((name) => {
    const first = points.find((point) => point.metric === metric && point.name === name && point.week === firstWeek);
    const last = points.find((point) => point.metric === metric && point.name === name && point.week === lastWeek);
    return first && last && first.value > 0 ? [{ name, change: percentChange(first.value, last.value) }] : [];
  });
  const top = changes.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.name.localeCompare(b.name)).slice(0, 3);
  return top.length > 0 ? `; largest changes: ${top.map((entry) => `${entry.name} ${formatChange(entry.change)}`).join(', ')}` : '';
}

/** Alt text: what is plotted, over which weeks, and what moved most. Names come from the watchlist, made inert. */
function trendChartAltText(history: Collection[], points = trendPoints(history)): string {
  const firstWeek = history[0]?.week ?? '';
  const lastWeek = history.at(-1)?.week ?? '';
  const crates = new Set(points.filter((point) => point.metric === 'downloads_7d').map((point) => point.name)).size;
  const projects = new Set(points.filter((point) => point.metric === 'stars').map((point) => point.name)).size;
  const range = firstWeek === lastWeek ? `week ${lastWeek}` : `weeks ${firstWeek} to ${lastWeek}`;
  const text =
    `Two line charts on log scales, ${range}. ` +
    `Top: crates.io downloads over 7 days for ${crates} Rust crates${movers(points, 'downloads_7d', firstWeek, lastWeek)}. ` +
    `Bottom: GitHub stars for ${projects} Rust and Go projects${movers(points, 'stars', firstWeek, lastWeek)}.`;
  return truncate(neutralizeMentions(text), ALT_TEXT_MAX);
}

/** The Vega-Lite specification of the chart (exported so tests and docs can inspect it). */
function trendChartSpec(history: Collection[], points = trendPoints(history)): VegaLite.TopLevelSpec {
  const spec: VegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Rust vs Go ecosystem trends, ${history[0]?.week ?? ''} to ${history.at(-1)?.week ?? ''}`, fontSize: 15 },
    background: 'white',
    padding: 12,
    vconcat: [
      panel('crates.io downloads, last 7 days (Rust only: Go has no public download counts)', 'downloads_7d', points),
      panel('GitHub stars (compared week over week per project, never across languages)', 'stars', points),
    ],
    resolve: { scale: { color: 'independent' } },
    config: { font: FONT, view: { stroke: '#ddd' } },
  };
  return spec;
}

/**
 * Loaded on first use, never at start-up: vega-lite defines Set.prototype.toJSON when it loads, and discord.js's
 * bundled util.inspect (node-inspect-extracted) throws if it loads after that. By the time a chart is rendered,
 * every module that imports discord.js has been loaded.
 */
let vegaLite: Promise<typeof VegaLite> | undefined;

/** Renders the chart as a PNG; undefined when the window holds no downloads or stars to plot. */
export async function renderTrendChart(history: Collection[]): Promise<TrendChart | undefined> {
  const points = trendPoints(history);
  if (points.length === 0) return undefined;
  vegaLite ??= import('vega-lite');
  const compiled = (await vegaLite).compile(trendChartSpec(history, points)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 1.5 }, font: { loadSystemFonts: true, defaultFontFamily: FONT }, background: 'white' }).render().asPng();
    return { png, altText: trendChartAltText(history, points) };
  } finally {
    view.finalize();
  }
}
