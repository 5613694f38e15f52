/**
 * A colour map as a PNG data URL, for figures whose Plotly bundle has no heat-map trace (the app
 * ships plotly.js-gl3d-dist-min: scatter and the 3-D traces only). The image is placed under the
 * axes with layout.images. Pure: RGB scanlines → PNG (stored, uncompressed deflate blocks; CRC-32
 * and Adler-32 as in RFC 1950/1951 and the PNG specification) → base64. No DOM, no canvas.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** zlib stream of `raw` in stored blocks (no compression). */
function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + raw.length + 5 * blocks + 4);
  let o = 0;
  out[o++] = 0x78;
  out[o++] = 0x01;
  for (let b = 0; b < blocks; b++) {
    const from = b * 65535;
    const len = Math.min(65535, raw.length - from);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = len & 0xff;
    out[o++] = len >>> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >>> 8) & 0xff;
    out.set(raw.subarray(from, from + len), o);
    o += len;
  }
  let a = 1;
  let s = 0;
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]) % 65521;
    s = (s + a) % 65521;
  }
  const adler = ((s << 16) | a) >>> 0;
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o] = adler & 0xff;
  return out;
}

/** PNG bytes of a width×height RGB image (rgb: row-major from the TOP row, 3 bytes a pixel). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  if (rgb.length !== width * height * 3)
    throw new RangeError(`encodePng: ${rgb.length} bytes for ${width}×${height} RGB`);
  const raw = new Uint8Array(height * (1 + 3 * width));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + 3 * width)] = 0; // filter: none
    raw.set(rgb.subarray(y * 3 * width, (y + 1) * 3 * width), y * (1 + 3 * width) + 1);
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, adaptive filtering, no interlace
  const chunks: Array<[string, Uint8Array]> = [
    ['IHDR', ihdr],
    ['IDAT', zlibStored(raw)],
    ['IEND', new Uint8Array(0)],
  ];
  const size = 8 + chunks.reduce((n, [, d]) => n + 12 + d.length, 0);
  const png = new Uint8Array(size);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  const view = new DataView(png.buffer);
  let o = 8;
  for (const [type, data] of chunks) {
    view.setUint32(o, data.length);
    for (let i = 0; i < 4; i++) png[o + 4 + i] = type.charCodeAt(i);
    png.set(data, o + 8);
    view.setUint32(o + 8 + data.length, crc32(png, o + 4, o + 8 + data.length));
    o += 12 + data.length;
  }
  return png;
}

/** data:image/png;base64,… of the image. */
export function pngDataUrl(width: number, height: number, rgb: Uint8Array): string {
  const png = encodePng(width, height, rgb);
  let bin = '';
  for (let i = 0; i < png.length; i += 0x8000)
    bin += String.fromCharCode(...png.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(bin)}`;
}

/** Linear interpolation through colour stops [[t, '#RRGGBB'], …] (t ascending in [0, 1]; t clamped). */
export function colorAt(
  stops: ReadonlyArray<[number, string]>,
  t: number,
): [number, number, number] {
  const u = Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0; // NaN: the first colour
  let k = 0;
  while (k < stops.length - 2 && u > stops[k + 1][0]) k++;
  const [t0, c0] = stops[k];
  const [t1, c1] = stops[k + 1];
  const f = t1 > t0 ? (u - t0) / (t1 - t0) : 0;
  const ch = (c: string, i: number) => parseInt(c.slice(1 + 2 * i, 3 + 2 * i), 16);
  return [0, 1, 2].map((i) => Math.round(ch(c0, i) + f * (ch(c1, i) - ch(c0, i)))) as [
    number,
    number,
    number,
  ];
}
