/**
 * Untrusted text shown on the page (file names, CSV headers, notices, the status line, plot
 * labels) made visible, never obeyed (issue 16): characters that would reorder the text around
 * them (bidi embeddings, overrides and isolates, U+202A–U+202E, U+2066–U+2069, and the marks),
 * hide text (zero-width characters, BOM, soft hyphen is harmless and stays) or break a line (C0
 * and C1 controls, line and paragraph separators, DEL) are shown as a visible escape `⟨U+202E⟩`.
 * The CLI applies the same set to its messages as `\uXXXX` escapes (src/cli/main.ts).
 */

/** Whether a UTF-16 code unit is one of the characters above. */
export function isUnsafeChar(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x61c ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) ||
    c === 0xfeff
  );
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** `s` with every unsafe character written as `⟨U+XXXX⟩` (unchanged when there is none). */
export function visibleText(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(
    UNSAFE_ALL,
    (ch) => `⟨U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}
