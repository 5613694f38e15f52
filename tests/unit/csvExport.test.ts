import { describe, expect, it } from 'vitest';
import { cell, field } from '../../src/ui/export/csv';

describe('exported CSV cells from user text', () => {
  it('neutralises header fields a spreadsheet would run as formulas', () => {
    expect(field('=HYPERLINK("https://example.com","x")')).toBe(
      `"'=HYPERLINK(""https://example.com"",""x"")"`,
    );
    expect(field('+1')).toBe("'+1");
    expect(field('-2+3')).toBe("'-2+3");
    expect(field('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(field('\tx')).toBe("'\tx");
  });
  it('leaves ordinary names and numbers alone', () => {
    expect(field('temp_max_true [°C]')).toBe('temp_max_true [°C]');
    expect(field('a,b')).toBe('"a,b"');
    expect(cell(-2.5)).toBe('-2.5');
    expect(cell(-Infinity)).toBe('-Infinity');
  });
});
