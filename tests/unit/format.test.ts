import { describe, expect, it } from 'vitest';
import { formatFactor, formatMs, formatMse, formatSig, formatTuple } from '../../src/ui/format';

describe('the one number formatter', () => {
  it('writes three significant digits for everyday magnitudes, without trailing zeros', () => {
    expect(formatSig(0.131)).toBe('0.131');
    expect(formatSig(20)).toBe('20');
    expect(formatSig(1.5)).toBe('1.5');
    expect(formatSig(-2.345)).toBe('−2.35');
    // Four-digit numbers stay plain (toPrecision alone would write "1.24e+3").
    expect(formatSig(1237)).toBe('1240');
    expect(formatSig(99_999)).toBe('100000');
  });

  it('switches to ×10 with a superscript exponent outside [1e-3, 1e5)', () => {
    expect(formatSig(1.37e-9)).toBe('1.37×10⁻⁹');
    expect(formatSig(-2e-4)).toBe('−2×10⁻⁴');
    expect(formatSig(123456)).toBe('1.23×10⁵');
    expect(formatSig(0.943, 4)).toBe('0.943');
    expect([formatSig(0), formatSig(NaN), formatSig(-Infinity)]).toEqual(['0', 'NaN', '−∞']);
  });

  it('formats MSEs with units, tuples, factors and times', () => {
    expect(formatMse(7.5612, '°C')).toBe('7.56 °C²');
    expect(formatMse(null, '°C')).toBe('diverged');
    expect(formatMse(0.25, '')).toBe('0.25');
    expect(formatTuple([2, -0.5])).toBe('(2, −0.5)');
    expect([formatFactor(131.4), formatFactor(12.34), formatFactor(1.234)]).toEqual([
      '×131',
      '×12',
      '×1.2',
    ]);
    expect([formatMs(840.2), formatMs(1240), formatMs(0.5)]).toEqual([
      '840 ms',
      '1.24 s',
      '0.50 ms',
    ]);
  });
});
