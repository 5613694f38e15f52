/**
 * Free systems: the phase portrait of one test start over the training trajectories, x–y for 2-D
 * systems and a 3-D scatter for 3-D ones (or, without WebGL, the projection on the first and last
 * components); optionally each neuron's SWIM pair as a segment.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { axis, baseLayout, cornerLegend } from '../layout';
import { COLORS, FONT, INK, withAlpha } from '../palette';
import { clampIndex, pairSegments, testSeries, trajectoryPaths } from '../plotData';
import { clipDiverged, componentRanges, displayBox } from '../ranges';
import type { Figure, PlotView } from '../types';

/** Segments drawn at most; more make the plot unreadable and slow. */
export const MAX_PAIR_SEGMENTS = 300;

export function phaseFigure(result: RunResult, view: PlotView): Figure {
  const { dim, test, stateNames, trainSample } = result;
  const steps = test.horizon + 1;
  const i = clampIndex(view.testIndex, test.count);
  const three = dim >= 3 && view.webgl;
  // Components on the axes: all three in 3-D, else the first two (or first and last as a projection).
  const axes = three ? [0, 1, 2] : dim >= 3 ? [0, dim - 1] : [0, Math.min(1, dim - 1)];
  const names = axes.map((j) => stateNames[j] ?? `x${j + 1}`);
  const boxes = componentRanges(test.truth, dim).map((r) => displayBox(r, 1));
  const truth = testSeries(test.truth, steps, dim, i);
  const relift = clipDiverged(testSeries(test.relift, steps, dim, i), boxes).clipped;
  const linear = clipDiverged(testSeries(test.linear, steps, dim, i), boxes).clipped;
  const train = trajectoryPaths(trainSample.x, trainSample.traj, trainSample.rows, dim);

  const type = three ? 'scatter3d' : 'scatter';
  const keys = ['x', 'y', 'z'];
  const xyz = (cols: (number | null)[][]) =>
    Object.fromEntries(axes.map((j, k) => [keys[k], cols[j]]));
  const hover = `${names.map((n, k) => `${n} = %{${keys[k]}:.3f}`).join('<br>')}<extra>%{fullData.name}</extra>`;
  const path = (name: string, cols: number[][], line: PlotLayout, extra: PlotData = {}) => ({
    type,
    mode: 'lines',
    name,
    ...xyz(cols),
    line,
    hovertemplate: hover,
    ...extra,
  });

  // The training states as lines, one per trajectory: one SVG path (or WebGL line) for the whole
  // sample, where ~3000 markers cost Plotly a styled element (or a 3-D glyph) each — the largest
  // part of drawing this plot (150–250 ms of a Train click on the 2-core machine).
  const data: PlotData[] = [
    {
      type,
      mode: 'lines',
      name: 'train',
      ...xyz(train),
      // 2-D: a spline through each trajectory's samples (they are a few steps apart).
      line: three
        ? { color: COLORS.train, width: 2 }
        : { color: COLORS.train, width: 1, shape: 'spline' },
      connectgaps: false,
      hoverinfo: 'skip',
    },
  ];
  if (view.showPairs && result.model.pairPoints) {
    const seg = pairSegments(result.model.pairPoints, dim, MAX_PAIR_SEGMENTS);
    data.push({
      type,
      mode: 'lines',
      name: `SWIM pairs (${seg.drawn < seg.total ? `${seg.drawn}/` : ''}${seg.total})`,
      ...xyz(seg.coords),
      // WebGL lines blend rgba() colours oddly; trace opacity keeps the hue in 3-D.
      line: { color: three ? COLORS.pairs : withAlpha(COLORS.pairs, 0.3), width: 1 },
      opacity: three ? 0.3 : 1,
      connectgaps: false,
      hoverinfo: 'skip',
    });
  }
  data.push(
    path('linear', linear, { color: COLORS.linear, width: 2 }, { visible: 'legendonly' }),
    path('truth', truth, { color: COLORS.truth, width: 3 }),
    path('re-lifted (RNN)', relift, {
      color: COLORS.relift,
      width: three ? 3 : 2,
      dash: three ? 'solid' : 'dash',
    }),
    {
      type,
      mode: 'markers',
      name: 'start',
      ...xyz(truth.map((c) => [c[0]])),
      marker: {
        color: COLORS.truth,
        size: three ? 4 : 9,
        symbol: three ? 'circle' : 'circle-open',
        line: { width: 2 },
      },
      showlegend: false,
      hovertemplate: `start<br>${hover}`,
    },
  );

  const title = three
    ? `Phase space · test ${i + 1}`
    : dim >= 3
      ? `Phase space (${names[0]}–${names[1]} projection, no WebGL)`
      : `Phase plane · test ${i + 1}`;
  const layout = baseLayout(title, 0, { uirevision: result.query, hovermode: 'closest' });
  // Legend in a column on the right (2-D) or in the top-left corner the 3-D scene leaves empty.
  cornerLegend(layout, three ? 'left' : 'right');
  if (three) {
    const sceneAxis = (n: string) => ({
      title: { text: n, font: { size: FONT.axisTitle } },
      tickfont: { size: 12 },
      nticks: 5,
      backgroundcolor: INK.paper,
      gridcolor: INK.grid3d,
    });
    layout.scene = {
      xaxis: sceneAxis(names[0]),
      yaxis: sceneAxis(names[1]),
      zaxis: sceneAxis(names[2]),
      aspectmode: 'cube',
      camera: { eye: { x: 1.7, y: -1.7, z: 1.0 } },
      domain: { x: [0.3, 1], y: [0, 1] },
    };
    layout.margin = { l: 0, r: 0, t: 30, b: 0 };
  } else {
    layout.xaxis = axis(names[0], { domain: [0, 0.62] });
    layout.yaxis = axis(names[1]);
  }
  return { data, layout };
}
