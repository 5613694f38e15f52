import { describe, expect, it } from 'vitest';
import { isUnsafeChar, visibleText } from '../../src/ui/visibleText';

describe('visibleText: control and bidi characters shown, not obeyed', () => {
  it('writes every bidi embedding, override and isolate as a visible escape', () => {
    for (let c = 0x202a; c <= 0x202e; c++)
      expect(visibleText(`a${String.fromCharCode(c)}b`)).toBe(
        `a⟨U+${c.toString(16).toUpperCase()}⟩b`,
      );
    for (let c = 0x2066; c <= 0x2069; c++)
      expect(visibleText(String.fromCharCode(c))).toBe(`⟨U+${c.toString(16).toUpperCase()}⟩`);
    expect(visibleText('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
  });

  it('writes C0 and C1 controls (ESC, newline, NUL) and DEL the same way, one line', () => {
    expect(visibleText('a\u001b[31mred')).toBe('a⟨U+001B⟩[31mred');
    expect(visibleText('x\ny\r\tz\u0000')).toBe('x⟨U+000A⟩y⟨U+000D⟩⟨U+0009⟩z⟨U+0000⟩');
    expect(visibleText('\u0085\u009b\u007f')).toBe('⟨U+0085⟩⟨U+009B⟩⟨U+007F⟩');
    for (let c = 0; c < 0x20; c++) expect(isUnsafeChar(c)).toBe(true);
    for (let c = 0x7f; c <= 0x9f; c++) expect(isUnsafeChar(c)).toBe(true);
  });

  it('leaves ordinary text alone, non-Latin scripts and emoji included', () => {
    for (const s of ['temp (°C)', 'Zürich 2015–2016', 'שלום עולם', 'مرحبا', '東京', '💥 x', ''])
      expect(visibleText(s)).toBe(s);
    // Same set as the per-character test, every BMP code unit.
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      expect(visibleText(ch) !== ch, c.toString(16)).toBe(isUnsafeChar(c));
    }
  });
});
