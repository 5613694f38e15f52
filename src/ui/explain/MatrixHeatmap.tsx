/**
 * A matrix as a heat map (K, C in the least-squares stage): one canvas pixel per entry, scaled up
 * without smoothing, on a diverging blue–white–vermillion scale clipped at ±(99th percentile of
 * |entry|). For a large matrix only the leading block is drawn, and the caption says so. The
 * entry under the pointer is shown as text. (The lazily loaded Plotly bundle has no heatmap trace.)
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatSig } from '../format';
import { colourLimit, leadingBlock } from './overviewData';

/** Okabe–Ito blue (negative) → white (0) → vermillion (positive). */
function colour(v: number, lim: number): [number, number, number] {
  if (!Number.isFinite(v)) return [120, 120, 120];
  const t = Math.max(-1, Math.min(1, v / lim));
  const [r, g, b] = t < 0 ? [0, 114, 178] : [213, 94, 0];
  const a = Math.abs(t);
  return [
    Math.round(255 + (r - 255) * a),
    Math.round(255 + (g - 255) * a),
    Math.round(255 + (b - 255) * a),
  ];
}

export function MatrixHeatmap({
  name,
  a,
  rows,
  cols,
  max,
  rowLabel,
  colLabel,
  testid,
  height,
}: {
  /** The matrix's name as printed ("K", "C"). */
  name: string;
  a: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Largest block drawn (max × max). */
  max: number;
  rowLabel: string;
  colLabel: string;
  testid: string;
  /** CSS height of the drawing (default: square cells). */
  height?: number;
}) {
  const block = useMemo(() => leadingBlock(a, rows, cols, max), [a, rows, cols, max]);
  const lim = useMemo(() => colourLimit(block.z), [block]);
  const ref = useRef<HTMLCanvasElement | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const img = ctx.createImageData(block.cols, block.rows);
    for (let i = 0; i < block.rows; i++)
      for (let j = 0; j < block.cols; j++) {
        const [r, g, b] = colour(block.z[i][j], lim);
        const o = 4 * (i * block.cols + j);
        img.data[o] = r;
        img.data[o + 1] = g;
        img.data[o + 2] = b;
        img.data[o + 3] = 255;
      }
    ctx.putImageData(img, 0, 0);
  }, [block, lim]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const j = Math.floor(((e.clientX - box.left) / box.width) * block.cols);
    const i = Math.floor(((e.clientY - box.top) / box.height) * block.rows);
    if (i >= 0 && i < block.rows && j >= 0 && j < block.cols)
      setHover(`${name}[${i + 1}, ${j + 1}] = ${formatSig(block.z[i][j])}`);
  };

  return (
    <figure
      className="explain-heatmap"
      data-testid={testid}
      data-rows={rows}
      data-cols={cols}
      data-shown-rows={block.rows}
      data-shown-cols={block.cols}
      data-limit={lim}
    >
      <figcaption>
        <b>{name}</b> ({rows}×{cols})
        {block.clipped ? `: the leading ${block.rows}×${block.cols} block` : ''}
      </figcaption>
      <div className="explain-heatmap-body">
        <span className="explain-axis-y">{rowLabel}</span>
        <canvas
          ref={ref}
          width={block.cols}
          height={block.rows}
          style={
            height
              ? { height, aspectRatio: 'auto' }
              : { aspectRatio: `${block.cols} / ${block.rows}` }
          }
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
          role="img"
          aria-label={`Heat map of ${name}, ${block.rows} by ${block.cols} entries, colour limit ±${formatSig(lim)}`}
        />
      </div>
      <div className="explain-heatmap-foot">
        <span className="explain-axis-x">{colLabel}</span>
        <span className="explain-colourbar">
          <span>−{formatSig(lim, 2)}</span>
          <span className="explain-colourbar-ramp" aria-hidden="true" />
          <span>+{formatSig(lim, 2)}</span>
        </span>
        <span className="explain-heatmap-hover" aria-live="polite">
          {hover ?? 'hover for a value'}
        </span>
      </div>
    </figure>
  );
}
