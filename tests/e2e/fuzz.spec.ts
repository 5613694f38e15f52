import { expect, test, type Page } from '@playwright/test';
import fc from 'fast-check';
import { parseQuery } from '../../src/run/query';
import { FIELDS } from '../../src/run/schema';
import { parsePage } from '../../src/state/lesson';
import { PLOT_IDS } from '../../src/ui/plots/registry';
import { collectErrors, waitForPlots, waitForRun } from './helpers';

/** Number of generated addresses; every 10th is opened as a fresh page load, the rest via Back/Forward. */
const RUNS = 200;
const LOAD_EVERY = 10;
/**
 * Put in front of every generated query so that runs stay small and quick; a generated key that
 * repeats one of these is then a repeated key (the first value wins), which is worth testing too.
 */
const SMALL = 'width=20&ntraj=5&len=40&ntest=3&horizon=40';

const knownKeys = [...FIELDS.map((f) => f.key), 'v', 'hide', 'plots', 'note'];
const oldKeys = ['system', 'neurons', 'lambda', 'steps'];
const options = FIELDS.flatMap((f) => (f.kind === 'enum' ? [...f.options] : []));

const hostile = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '&lt;b&gt;',
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '\u0000\u202e',
  '💥'.repeat(300),
];

const value = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e308', '1e999', '-0', '0x10', '', ' ', '1,2'),
  fc.constantFrom(
    ...options,
    'trajectory,error',
    'spectrum,closedloop',
    'sampler,reg,metrics',
    'run,settings',
    'x,,y',
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.string({ maxLength: 24 }),
  fc.constantFrom(...hostile),
);
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...knownKeys) },
  { weight: 1, arbitrary: fc.constantFrom(...oldKeys) },
  { weight: 1, arbitrary: fc.constant('note') }, // often, so hostile notes come up often
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
/** A pair written raw or percent-encoded; '#' would end the query, so it is always encoded. */
const pair = fc
  .tuple(key, value, fc.boolean())
  .map(([k, v, encode]) =>
    encode
      ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}`
      : `${k}=${v}`.replace(/#/g, '%23').replace(/&/g, '%26'),
  );
const queries = fc.oneof(
  { weight: 8, arbitrary: fc.array(pair, { maxLength: 8 }).map((ps) => ps.join('&')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => s.replace(/#/g, '%23')) },
);

/** What the page must show for an address: notices and the note, from the same parsers. */
function expected(search: string) {
  const run = parseQuery(search, 'lenient');
  const page = parsePage(search, PLOT_IDS);
  return { notices: run.notices.length + page.notices.length, note: page.page.note };
}

interface Seen {
  /** The address as the page read it (the app rewrites it to the canonical form at once). */
  search: string;
  heading: boolean;
  state: string | null;
  notices: number;
  note: string | null;
}

interface Hooks {
  __search: string;
  __look: (search: string) => Promise<Seen>;
}

/**
 * Installed in every page load: remembers the address as first seen and reads, after the next
 * frame, what the checks need (one round trip per address).
 */
function install(): void {
  const w = window as unknown as Hooks;
  w.__search = location.search;
  w.__look = (search) =>
    new Promise((resolve) =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          const note = document.querySelector('[data-testid="note"]');
          resolve({
            search,
            heading: document.querySelector('h1')?.textContent === 'Sampled RNN Lab',
            state:
              document.querySelector('[data-testid="status"]')?.getAttribute('data-state') ?? null,
            notices: document.querySelectorAll('[data-testid="notice"]').length,
            note: note ? note.textContent : null,
          });
        }),
      ),
    );
}

/**
 * Opens `query` either as a fresh load or in place via pushState + popstate (what Back/Forward
 * does). No waiting for runs: a run still in flight is superseded by the next address, which
 * keeps 200 addresses quick.
 */
async function open(page: Page, query: string, load: boolean): Promise<Seen> {
  if (load) {
    await page.goto(`/?${query}`);
    return page.evaluate(() => {
      const w = window as unknown as Hooks;
      return w.__look(w.__search);
    });
  }
  return page.evaluate((q) => {
    history.pushState(null, '', `?${q}`);
    const search = location.search; // as the browser normalised it
    dispatchEvent(new PopStateEvent('popstate'));
    return (window as unknown as Hooks).__look(search);
  }, query);
}

test(`${RUNS} generated addresses: no page error, a usable page, notices where values changed`, async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(install);
  const samples = fc.sample(queries, { numRuns: RUNS, seed: 20240607 });
  let withNotices = 0;
  for (let i = 0; i < samples.length; i++) {
    const query = `${SMALL}&${samples[i]}`;
    const seen = await open(page, query, i % LOAD_EVERY === 0);
    const want = expected(seen.search);
    const context = `#${i} ?${query} (seen as ${seen.search})`;
    // Usable: the page is drawn and a run started (or was refused with a message).
    expect(seen.heading, context).toBe(true);
    expect(seen.state, context).toMatch(/^(running|done|error)$/);
    // A notice for each value the parsers changed, none otherwise; the note as plain text.
    expect(seen.notices, context).toBe(want.notices);
    expect(seen.note, context).toBe(want.note || null);
    expect(errors, context).toEqual([]);
    if (want.notices) withNotices++;
  }
  expect(dialogs).toEqual([]);
  // The generator is not too tame: most addresses need fixing.
  expect(withNotices).toBeGreaterThan(RUNS / 2);
  // Still usable after all that: a small run completes and draws.
  await page.goto('/?sys=vanderpol&width=40&ntraj=10&len=50&horizon=50');
  await waitForRun(page, 0);
  await waitForPlots(page);
  expect(errors).toEqual([]);
});
