import { describe, expect, it } from 'vitest';
import { familyOf } from '../../src/run/registry';
import { parseQuery } from '../../src/run/query';
import { FIELD_BY_KEY, fieldApplies } from '../../src/run/schema';
import { NOTE_MAX, PANELS, GROUP_NAMES, parsePage, withoutPageKeys } from '../../src/state/lesson';
import { LESSONS, lessonSearch } from '../../src/ui/gallery/lessons';
import { PLOT_IDS, plotIds } from '../../src/ui/plots/registry';

/**
 * The lesson gallery's links are well formed: each parses without a notice (run keys and page keys
 * alike), shows only plots of its own view, and hides only names that exist for its system.
 */
describe('lesson gallery data', () => {
  it('has at least 8 lessons with unique ids', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  for (const l of LESSONS) {
    describe(l.id, () => {
      const search = lessonSearch(l);

      it('its run query parses strictly and leniently without notices', () => {
        const strict = parseQuery(l.run, 'strict');
        expect(strict.errors).toEqual([]);
        const lenient = parseQuery(withoutPageKeys(search), 'lenient');
        expect(lenient.notices).toEqual([]);
        expect(lenient.config).toEqual(strict.config);
      });

      it('its page keys parse without notices and round-trip', () => {
        const { page, notices } = parsePage(search, PLOT_IDS);
        expect(notices).toEqual([]);
        expect(page.plots).toEqual(l.plots);
        expect(page.hide).toEqual(l.hide);
        expect(page.note).toBe(l.note);
        expect(Array.from(l.note).length).toBeLessThanOrEqual(NOTE_MAX);
      });

      it('shows only plots of its view, each once', () => {
        const sys = parseQuery(l.run, 'strict').config.sys;
        const own = plotIds(familyOf(sys));
        expect(l.plots.length).toBeGreaterThan(0);
        for (const p of l.plots) expect(own, p).toContain(p);
        expect(new Set(l.plots).size).toBe(l.plots.length);
      });

      it('hides only settings of its system, groups or panels', () => {
        // A hide= name is read as a field key first: no field may share a group's or panel's name.
        for (const g of [...GROUP_NAMES, ...Object.keys(PANELS)])
          expect(FIELD_BY_KEY[g], `field key '${g}' shadows hide=${g}`).toBeUndefined();
        const sys = parseQuery(l.run, 'strict').config.sys;
        for (const h of l.hide) {
          const f = FIELD_BY_KEY[h];
          if (f) expect(fieldApplies(f, sys), h).toBe(true);
          else expect([...GROUP_NAMES, ...Object.keys(PANELS)], h).toContain(h);
        }
      });

      it('every fact quoted is in the note, and the text rounds the measured value', () => {
        for (const f of l.facts) {
          expect(l.note, f.text).toContain(f.text);
          const shown = numberOf(f.text);
          if (shown === null) continue; // words ("none", "whole horizon") are checked by value only
          const digits = significant(f.text);
          const tol = 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(shown) || 1)) - digits + 1);
          expect(Math.abs(shown - f.value), `${f.text} vs ${f.value}`).toBeLessThanOrEqual(
            tol * 1.0001,
          );
        }
      });
    });
  }
});

const SUPERSCRIPT: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁻': '-',
};

/** "9.0·10⁻⁵" → 9e-5, "1235" → 1235, "10⁻⁴" → 1e-4; null when the text is words. */
export function numberOf(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)?(?:·?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const mant = m[1] ? Number(m[1]) : 1;
  const exp = m[2] ? Number([...m[2]].map((c) => SUPERSCRIPT[c]).join('')) : 0;
  return mant * 10 ** exp;
}

/** Significant digits of a written number's mantissa ("0.049" → 2, "1235" → 4, "10⁻⁴" → 1). */
function significant(text: string): number {
  const mant = /^(\d+(?:\.\d+)?)/.exec(text)?.[1] ?? '1';
  return mant.replace('.', '').replace(/^0+/, '').length || 1;
}
