/**
 * Issue 16, exported images: markup in a CSV header, a CSV file name or an imported model's names
 * reaches every plot's SVG export (the app's real export menu) as literal text — no `<a>` element,
 * no span styled by the user, no image — and the live page shows no link or styled span either.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { modelToJson } from '../../src/run/modelJson';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import type { Family } from '../../src/run/registry';
import { plotIds } from '../../src/ui/plots/registry';
import { collectErrors, download, openApp, runId, waitForPlots, waitForRun } from './helpers';

const ANCHOR = '<a href="https://example.com/x">click</a>';
const BIG = '<span style="font-size:90px">BIG</span>';
const IMG = '<img src=x onerror=alert(1)>';
const ENTITY = '&lt;b&gt;';
const TEMPLATE = '%{x}';
/** The hostile names, each as the text a reader must see. */
const HOSTILE = [ANCHOR, BIG, IMG, ENTITY, TEMPLATE];
/** CSV columns carrying them: four, as a series figure draws at most four panels (MAX_PANELS). */
const COLUMNS = [ANCHOR, BIG, IMG, `${ENTITY} ${TEMPLATE}`];
/** A file name with a link and a styled span (the CSV's name is the forecast plot's title). */
const FILE = '<a href="https://example.com/f">F</a><span style="font-size:90px">N</span>.csv';

/** What markup could have planted in an SVG document or the live page. */
interface Planted {
  anchors: number;
  styled: number;
  images: number;
  maxFontPx: number;
  text: string;
}

/** Parses `svg` in the page (DOMParser, as a viewer would read it) and counts planted markup. */
async function plantedInSvg(page: Page, svg: string): Promise<Planted> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) throw new Error('the export is not well-formed SVG');
    const all = Array.from(doc.querySelectorAll('*'));
    const px = (s: string) =>
      Array.from(s.matchAll(/font-size:\s*([\d.]+)px/g)).map((m) => Number(m[1]));
    return {
      anchors: doc.getElementsByTagName('a').length,
      styled: all.filter((e) => /90px/.test(e.getAttribute('style') ?? '')).length,
      images: all.filter((e) => /^(img|image)$/i.test(e.localName) && !e.closest('defs')).length,
      maxFontPx: Math.max(0, ...all.flatMap((e) => px(e.getAttribute('style') ?? ''))),
      text: doc.documentElement.textContent ?? '',
    };
  }, svg);
}

/** The same counts over the live page: any link to the planted address, styled spans, images. */
async function plantedInPage(page: Page): Promise<Planted & { plotAnchors: number }> {
  return page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    return {
      anchors: document.querySelectorAll('a[href*="example.com"]').length,
      plotAnchors: plots.reduce((n, p) => n + p.getElementsByTagName('a').length, 0),
      styled: all.filter((e) => /90px/.test(e.getAttribute('style') ?? '')).length,
      images: document.querySelectorAll('img[src="x"], image[href="x"]').length,
      maxFontPx: 0,
      text: document.body.innerText,
    };
  });
}

/**
 * Exports every plot of `family` as SVG through the export menu and checks each file: no link,
 * no user-styled element, nothing over 30 px (the largest font of a plot is its title's, well
 * under that outside presenter mode). Returns all files' text, joined.
 */
async function exportAllSvg(page: Page, family: Family): Promise<string> {
  const texts: string[] = [];
  for (const id of plotIds(family)) {
    const { name, bytes } = await download(page, `export-svg-${id}`);
    expect(name).toMatch(new RegExp(`-${id}\\.svg$`));
    const svg = bytes.toString('utf8');
    expect(svg.startsWith('<svg'), id).toBe(true);
    const p = await plantedInSvg(page, svg);
    expect({ id, anchors: p.anchors, styled: p.styled, images: p.images }).toEqual({
      id,
      anchors: 0,
      styled: 0,
      images: 0,
    });
    expect(p.maxFontPx, id).toBeLessThan(30);
    texts.push(p.text);
  }
  return texts.join('\n');
}

/** Fails the test on an alert (the `onerror=alert(1)` payload) instead of dismissing it. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

test('CSV headers and file name with markup: every exported SVG and the page show them as text', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const dialogs = watchDialogs(page);
  await page.goto('/?sys=csv');
  // Four columns from the fixture's two (mixtures, so none is a copy of another).
  const rows = readFileSync('tests/fixtures/oscillation.csv', 'utf8').trim().split('\n').slice(1);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [
    ['date', ...COLUMNS.map(quote)].join(','),
    ...rows.map((line, i) => {
      const [date, xs, ys] = line.split(',');
      const x = Number(xs);
      const y = Number(ys);
      const mix = [x, y, x + 0.5 * y + Math.sin(i / 7), Math.cos(i / 11) + 0.2 * y];
      return [date, ...mix.map((v) => v.toFixed(4))].join(',');
    }),
  ];
  const before = await runId(page);
  await page.getByTestId('csv-file').setInputFiles({
    name: FILE,
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n')),
  });
  await waitForRun(page, before);
  await waitForPlots(page, 30_000, 'series');

  const live = await plantedInPage(page);
  expect(live).toMatchObject({ anchors: 0, plotAnchors: 0, styled: 0, images: 0 });
  await expect(page.getByTestId('csv-loaded')).toContainText(FILE);

  const text = await exportAllSvg(page, 'series');
  for (const name of HOSTILE) expect(text, name).toContain(name);
  expect(text).toContain(FILE); // the forecast plot's title
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test('an imported model with markup in its names and file name: every exported SVG shows text', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const dialogs = watchDialogs(page);
  await openApp(page, 'sys=vanderpol&width=30&ntraj=5&len=60&ntest=2&horizon=40');
  const q = 'sys=forcedvdp&width=30&ntraj=5&len=60&horizon=40&ntest=2&ctime=3';
  const doc = JSON.parse(
    modelToJson(runPipeline(parseQuery(q, 'strict').config), '0.0.0'),
  ) as Record<string, unknown>;
  doc.stateNames = [ANCHOR, BIG];
  const c = doc.control as Record<string, unknown>;
  c.inputNames = [IMG];
  (c.prediction as Record<string, unknown>).label = `${ENTITY} ${TEMPLATE}`;
  const id = await runId(page);
  await page.getByTestId('export-menu').click();
  await page.getByTestId('import-json').setInputFiles({
    name: FILE.replace(/\.csv$/, '.json'),
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await waitForRun(page, id);
  await waitForPlots(page, 30_000, 'controlled');

  const live = await plantedInPage(page);
  expect(live).toMatchObject({ anchors: 0, plotAnchors: 0, styled: 0, images: 0 });
  await expect(page.getByTestId('status')).toContainText(FILE.replace(/\.csv$/, '.json'));

  const text = await exportAllSvg(page, 'controlled');
  for (const name of [ANCHOR, BIG, IMG]) expect(text, name).toContain(name);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
