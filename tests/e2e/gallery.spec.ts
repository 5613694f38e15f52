/**
 * Issue 12, the lesson gallery: the "Lessons" button opens a dialog of cards; each card, opened
 * with the keyboard or the mouse, loads its lesson, runs it, shows its note and exactly its plots,
 * hides its settings, and the page shows the numbers its note quotes (src/ui/gallery/lessons.ts).
 * Screenshots (gallery, each lesson) when GALLERY_SHOTS names a folder.
 */
import { expect, test, type Page } from '@playwright/test';
import { parseQuery } from '../../src/run/query';
import { familyOf } from '../../src/run/registry';
import { FIELDS, fieldApplies } from '../../src/run/schema';
import { LESSONS, lessonSearch, type Lesson, type LessonFact } from '../../src/ui/gallery/lessons';
import { collectErrors, waitForRun } from './helpers';

const SHOTS = process.env.GALLERY_SHOTS;

/** The page's test id holding a fact's number, or null when the page shows it elsewhere. */
function metricId(f: LessonFact): string | null {
  const parts = f.path.split('.');
  if (parts[0] !== 'metrics') return null;
  if (parts[1] === 'series') {
    const [, , method, h, v] = parts;
    return `metric-series-${method}-h${h === '0' ? 1 : 7}-${v === '0' ? 'temp_max' : 'temp_min'}`;
  }
  return `metric-${parts[parts.length - 1]}`;
}

/** Arguments of the spectrum plot's points with |λ| > 0.99 in the upper half plane. */
async function spectrumAngles(page: Page): Promise<number[]> {
  return page
    .getByTestId('plot-spectrum')
    .locator('.js-plotly-plot')
    .evaluate((gd) => {
      const data = (gd as unknown as { data: Array<{ x?: number[]; y?: number[]; mode?: string }> })
        .data;
      const out: number[] = [];
      for (const t of data) {
        if (!t.x || !t.y || !(t.mode ?? '').includes('markers')) continue;
        for (let i = 0; i < t.x.length; i++) {
          const [re, im] = [Number(t.x[i]), Number(t.y[i])];
          if (Math.hypot(re, im) > 0.99 && im >= 0) out.push(Math.atan2(im, re));
        }
      }
      return out;
    });
}

async function openGallery(page: Page) {
  await page.getByTestId('gallery-open').click();
  await expect(page.getByTestId('gallery')).toBeVisible();
  await expect(page.locator('[data-testid^="gallery-card-"]')).toHaveCount(LESSONS.length);
}

test('the gallery lists every lesson and opens from the keyboard', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page, 0, { timeout: 60_000 });
  await page.getByTestId('gallery-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gallery')).toBeVisible();
  for (const l of LESSONS) {
    const link = page.getByTestId(`gallery-card-${l.id}`);
    await expect(link).toHaveAccessibleName(l.title);
    const card = page.locator('.gallery-card', { has: link });
    await expect(card).toContainText(l.summary);
    await expect(card).toContainText(l.look);
  }
  // Shortcut keys stay inside the open dialog: "t" starts no run.
  const before = await page.getByTestId('status').getAttribute('data-run');
  await page.keyboard.press('t');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('status')).toHaveAttribute('data-run', before!);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/gallery-1280.png` });
  // Escape closes it; Enter on a focused card opens the lesson.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gallery')).toBeHidden();
  await openGallery(page);
  await page.getByTestId(`gallery-card-${LESSONS[0].id}`).focus();
  await page.keyboard.press('Enter');
  await waitForRun(page, 0, { timeout: 60_000 });
  await expect(page.getByTestId('note')).toHaveText(LESSONS[0].note);
  // The lesson's link is canonical: running it leaves the address as it was.
  await page.waitForTimeout(500);
  expect(new URL(page.url()).search).toBe(lessonSearch(LESSONS[0]));
});

async function checkLesson(page: Page, l: Lesson) {
  const errors = collectErrors(page);
  const { config } = parseQuery(l.run, 'strict');
  const family = familyOf(config.sys);
  await page.goto('/');
  await waitForRun(page, 0, { timeout: 60_000 });
  await openGallery(page);
  await page.getByTestId(`gallery-card-${l.id}`).click();
  await waitForRun(page, 0, { timeout: 90_000 });
  // Its note, and no notice (the link parses cleanly).
  await expect(page.getByTestId('note')).toHaveText(l.note);
  await expect(page.locator('[data-testid="notices"]')).toHaveCount(0);
  // Exactly its plots, in its order, each drawn.
  for (const id of l.plots)
    await expect(page.getByTestId(`plot-${id}`)).toHaveAttribute('data-rendered', 'true', {
      timeout: 60_000,
    });
  const shown = await page.$$eval('.results [data-plot]', (els) =>
    els.map((e) => (e as HTMLElement).dataset.plot),
  );
  expect(shown).toEqual(l.plots);
  // Hidden settings are gone, the others of this system are there.
  const hidden = (key: string, group: string) => l.hide.includes(key) || l.hide.includes(group);
  const fields = FIELDS.filter(
    (f) =>
      fieldApplies(f, config.sys) && f.kind !== 'text' && (!f.shownWhen || f.shownWhen(config)),
  );
  for (const f of fields) {
    const el = page.locator(`.sidebar [data-field="${f.key}"]`);
    if (hidden(f.key, f.group)) await expect(el, f.key).toHaveCount(0);
  }
  expect(fields.some((f) => !hidden(f.key, f.group))).toBe(true);
  // The numbers its note quotes for its own run are on the page.
  let checked = 0;
  for (const f of l.facts.filter((x) => x.query === l.run)) {
    const id = metricId(f);
    if (id && (await page.getByTestId(id).count())) {
      const v = Number(await page.getByTestId(id).first().getAttribute('data-value'));
      expect(Math.abs(v - f.value), `${id}: ${v} vs ${f.value}`).toBeLessThanOrEqual(
        1e-6 * Math.abs(f.value),
      );
      checked++;
    } else if (f.path.startsWith('eigAngle.')) {
      const angles = await spectrumAngles(page);
      expect(Math.min(...angles.map((a) => Math.abs(a - f.value))), f.path).toBeLessThan(1e-9);
      checked++;
    }
  }
  expect(checked, 'numbers of the note found on the page').toBeGreaterThan(0);
  console.log(`${l.id} (${family}): ${l.plots.length} plots, ${checked} quoted numbers checked`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson-${l.id}.png` });
  expect(errors).toEqual([]);
}

for (const l of LESSONS) {
  test(`lesson "${l.title}" loads, runs, shows its note and only its plots`, async ({ page }) => {
    test.setTimeout(180_000);
    await checkLesson(page, l);
  });
}

test('the lesson-link dialog can make a link that opens in presenter mode', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?sys=vanderpol&width=60');
  await waitForRun(page, 0, { timeout: 60_000 });
  await page.getByTestId('lesson-open').click();
  const url = page.getByTestId('lesson-url');
  await expect(url).not.toHaveValue(/present=/);
  await page.getByTestId('lesson-present').check();
  await expect(url).toHaveValue(/&present=1$/);
  // Every plot starts ticked; leave only the spectrum.
  for (const id of ['trajectory', 'phase', 'error'])
    await page.getByTestId(`lesson-plot-${id}`).uncheck();
  await expect(page.getByTestId('lesson-plot-spectrum')).toBeChecked();
  const link = await url.inputValue();
  expect(new URL(link).searchParams.get('plots')).toBe('spectrum');
  await page.getByTestId('lesson-present').uncheck();
  await expect(url).not.toHaveValue(/present=/);
  await page.goto(link);
  await waitForRun(page, 0, { timeout: 60_000 });
  await expect(page.getByTestId('presenter-bar')).toBeVisible();
  await expect(page.locator('aside.sidebar')).toHaveCount(0);
  await expect(page.getByTestId('plot-spectrum')).toHaveAttribute('data-rendered', 'true');
  await expect(page.locator('.results [data-plot]')).toHaveCount(1);
});

test('in presenter mode the gallery opens from the slim bar and its lessons stay in it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?sys=vanderpol&width=60&present=1');
  await waitForRun(page, 0, { timeout: 60_000 });
  await openGallery(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/gallery-present-1280.png` });
  const l = LESSONS[1];
  await expect(page.getByTestId(`gallery-card-${l.id}`)).toHaveAttribute(
    'href',
    `/${lessonSearch(l)}&present=1`,
  );
  await page.getByTestId(`gallery-card-${l.id}`).click();
  await waitForRun(page, 0, { timeout: 90_000 });
  await expect(page.getByTestId('presenter-bar')).toBeVisible();
  await expect(page.getByTestId('note')).toHaveText(l.note);
  if (SHOTS) {
    for (const id of l.plots)
      await expect(page.getByTestId(`plot-${id}`)).toHaveAttribute('data-rendered', 'true', {
        timeout: 60_000,
      });
    await page.screenshot({ path: `${SHOTS}/lesson-${l.id}-present.png` });
  }
});
