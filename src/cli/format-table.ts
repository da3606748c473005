import stringWidth from 'string-width';
import type { TerminalStyle } from './terminal-style.js';
import { escapeControls } from '../internal/quote.js';

/** The gap between two columns. */
const GAP = '  ';
const MIN_WRAPPED = 16;
/** Splits a word where a terminal can: between user-perceived characters, never inside an emoji sequence. */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A table for people: a header, a rule under it, columns two spaces apart. Widths are display widths (a CJK
 * character or an emoji takes two columns), so the rule and the columns line up whatever the text. When `width`
 * is given (a terminal's) and the table is wider, the `wrap` columns (by index: the long texts) share what is
 * left and wrap at words.
 */
export function formatTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { style: TerminalStyle; width?: number | undefined; wrap?: readonly number[] },
): string {
  // Escaped before measuring, so that the columns stay aligned when safeStream prints the escapes.
  const cells = rows.map((row) => head.map((_, column) => escapeControls(row[column] ?? '', false)));
  const natural = head.map((title, column) =>
    Math.max(stringWidth(title), ...cells.map((row) => stringWidth(row[column] ?? ''))),
  );
  const widths = fitWidths(natural, options.width, options.wrap ?? []);
  const lines = [options.style.bold(renderRow([...head], widths)[0] ?? '')];
  lines.push(options.style.dim('─'.repeat(widths.reduce((sum, w) => sum + w, 0) + GAP.length * (head.length - 1))));
  for (const row of cells) lines.push(...renderRow(row, widths));
  return lines.map((line) => line.trimEnd()).join('\n');
}

/** One row as lines: each cell wrapped to its column's width and padded to it. */
function renderRow(row: readonly string[], widths: readonly number[]): string[] {
  const wrapped = row.map((cell, column) => wrapText(cell, widths[column] ?? 0));
  const height = Math.max(1, ...wrapped.map((cell) => cell.length));
  const lines: string[] = [];
  for (let line = 0; line < height; line += 1) {
    lines.push(wrapped.map((cell, column) => pad(cell[line] ?? '', widths[column] ?? 0)).join(GAP));
  }
  return lines;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** `text` in lines of at most `width` columns, broken at spaces; a word wider than that is broken where it must. */
function wrapText(text: string, width: number): string[] {
  if (stringWidth(text) <= width) return [text];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (stringWidth(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = '';
    for (const { segment: char } of graphemes.segment(word)) {
      if (stringWidth(current + char) > width && current !== '') {
        lines.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

function fitWidths(natural: readonly number[], width: number | undefined, wrap: readonly number[]): number[] {
  const gaps = GAP.length * (natural.length - 1);
  const total = natural.reduce((sum, w) => sum + w, 0) + gaps;
  if (width === undefined || total <= width || wrap.length === 0) return [...natural];
  const fixed = natural.reduce((sum, w, i) => (wrap.includes(i) ? sum : sum + w), 0) + gaps;
  const share = Math.max(MIN_WRAPPED, Math.floor((width - fixed) / wrap.length));
  return natural.map((w, i) => (wrap.includes(i) ? Math.min(w, share) : w));
}
