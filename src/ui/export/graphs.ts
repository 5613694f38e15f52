/**
 * The figures the export menu offers: the plots of the view on screen (the plot registry's entries
 * for the result's family, as a lesson link's `plots=` picks them), each rendered to an image by
 * Plotly from the same pure builder the page draws with — no page scraping.
 */
import type { RunResult } from '../../run/result';
import type { PageOptions } from '../../state/lesson';
import { loadPlotly } from '../plots/loadPlotly';
import { shownPlots } from '../plots/registry';
import type { PlotEntry, PlotView } from '../plots/types';

export type ImageFormat = 'png' | 'svg';

/** Image size in CSS px: about a grid cell's, so fonts and marks look as they do on screen. */
export const EXPORT_SIZE = { width: 720, height: 450, tallHeight: 560 } as const;

/** The plots of this result's view, in page order. */
export function exportablePlots(r: RunResult, page: PageOptions): PlotEntry[] {
  return shownPlots(r.family, page.plots);
}

/** File name of a plot's image: "<stem>-<id>.<format>". */
export function imageName(stem: string, entry: PlotEntry, format: ImageFormat): string {
  return `${stem}-${entry.id}.${format}`;
}

/**
 * One plot as an image: its figure built from the result and the view state, rendered by Plotly
 * off screen; PNG at twice the size so it stays sharp on slides, SVG resolution-free.
 */
export async function plotImage(
  entry: PlotEntry,
  r: RunResult,
  view: PlotView,
  format: ImageFormat,
): Promise<Blob> {
  const Plotly = await loadPlotly();
  const { data, layout } = entry.build(r, view);
  const url = await Plotly.toImage(
    { data, layout: { ...layout, autosize: false } },
    {
      format,
      width: EXPORT_SIZE.width,
      height: entry.tall ? EXPORT_SIZE.tallHeight : EXPORT_SIZE.height,
      scale: format === 'png' ? 2 : 1,
    },
  );
  return (await fetch(url)).blob();
}
