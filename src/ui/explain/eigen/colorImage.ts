/**
 * A grid of values as a PNG data URL through a colour scale, for colour maps drawn as a Plotly
 * layout image (the app's Plotly bundle, plotly.js-gl3d-dist-min, has no heatmap trace). Pure: no
 * DOM, no canvas; a minimal PNG writer (8-bit RGB, zlib "stored" blocks, CRC-32 and Adler-32 as
 * in RFC 1950/1951 and the PNG specification, ISO/IEC 15948).
 */

/** Plotly's Viridis (matplotlib's), as [position, #rrggbb] stops. */
export const VIRIDIS: Array<[number, string]> = [
  [0, '#440154'],
  [0.06274509803921569, '#48186a'],
  [0.12549019607843137, '#472d7b'],
  [0.18823529411764706, '#424086'],
  [0.25098039215686274, '#3b528b'],
  [0.3137254901960784, '#33638d'],
  [0.3764705882352941, '#2c728e'],
  [0.4392156862745098, '#26828e'],
  [0.5019607843137255, '#21918c'],
  [0.5647058823529412, '#1fa088'],
  [0.6274509803921569, '#28ae80'],
  [0.6901960784313725, '#3fbc73'],
  [0.7529411764705882, '#5ec962'],
  [0.8156862745098039, '#84d44b'],
  [0.8784313725490196, '#addc30'],
  [0.9411764705882353, '#d8e219'],
  [1, '#fde725'],
];

function hexRgb(h: string): [number, number, number] {
  const n = parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The colour of t ∈ [0, 1] on a scale of stops (linear in RGB between stops; t clamped). */
export function colorAt(
  scale: ReadonlyArray<[number, string]>,
  t: number,
): [number, number, number] {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  for (let k = 1; k < scale.length; k++) {
    if (u <= scale[k][0]) {
      const [t0, c0] = scale[k - 1];
      const [t1, c1] = scale[k];
      const f = t1 > t0 ? (u - t0) / (t1 - t0) : 0;
      const a = hexRgb(c0);
      const b = hexRgb(c1);
      return [0, 1, 2].map((i) => Math.round(a[i] + f * (b[i] - a[i]))) as [number, number, number];
    }
  }
  return hexRgb(scale[scale.length - 1][1]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

function chunk(type: string, data: Uint8Array): number[] {
  const body = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) body[i] = type.charCodeAt(i);
  body.set(data, 4);
  return [...u32(data.length), ...body, ...u32(crc32(body))];
}

/** PNG bytes of an RGB image (rgb: height×width×3, top row first). */
export function encodePng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const raw = new Uint8Array(height * (1 + 3 * width));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + 3 * width)] = 0; // filter: none
    raw.set(rgb.subarray(y * 3 * width, (y + 1) * 3 * width), y * (1 + 3 * width) + 1);
  }
  // zlib stream of stored (uncompressed) deflate blocks of at most 65535 bytes.
  const blocks: number[] = [0x78, 0x01];
  for (let off = 0; off < raw.length || off === 0; off += 65535) {
    const len = Math.min(65535, raw.length - off);
    const last = off + len >= raw.length ? 1 : 0;
    blocks.push(last, len & 255, len >> 8, ~len & 255, (~len >> 8) & 255);
    for (let i = 0; i < len; i++) blocks.push(raw[off + i]);
    if (last) break;
  }
  blocks.push(...u32(adler32(raw)));
  const ihdr = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  const bytes = [
    137,
    80,
    78,
    71,
    13,
    10,
    26,
    10,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', Uint8Array.from(blocks)),
    ...chunk('IEND', new Uint8Array(0)),
  ];
  return Uint8Array.from(bytes);
}

/**
 * A data URL of the grid `values` (ny×nx row-major, row 0 = smallest y) coloured by `scale` over
 * [lo, hi]; the image's top row is the largest y, as a plot shows it.
 */
export function colorImageUrl(
  values: Float64Array,
  nx: number,
  ny: number,
  scale: ReadonlyArray<[number, string]>,
  lo: number,
  hi: number,
): string {
  const rgb = new Uint8Array(nx * ny * 3);
  for (let i = 0; i < ny; i++)
    for (let j = 0; j < nx; j++) {
      const c = colorAt(scale, (values[i * nx + j] - lo) / (hi - lo));
      rgb.set(c, ((ny - 1 - i) * nx + j) * 3);
    }
  const png = encodePng(rgb, nx, ny);
  let bin = '';
  for (let k = 0; k < png.length; k += 8192)
    bin += String.fromCharCode(...png.subarray(k, Math.min(png.length, k + 8192)));
  return `data:image/png;base64,${btoa(bin)}`;
}
