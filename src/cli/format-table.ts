import Table from 'cli-table3';
import type { TerminalStyle } from './terminal-style.js';
import { escapeControls } from '../internal/quote.js';

const RULE_ONLY = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};
const MIN_WRAPPED = 16;

/**
 * A table for people: a header, a rule under it, columns two spaces apart. When `width` is given (a terminal's)
 * and the table is wider, the `wrap` columns (by index: the long texts) share what is left and wrap at words.
 */
export function formatTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { style: TerminalStyle; width?: number | undefined; wrap?: readonly number[] },
): string {
  // Escaped before measuring, so that the columns stay aligned when safeStream prints the escapes.
  const cells = rows.map((row) => row.map((cell) => escapeControls(cell, false)));
  const natural = head.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const colWidths = fitWidths(natural, options.width, options.wrap ?? []);
  const table = new Table({
    head: [...head],
    chars: RULE_ONLY,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 },
    wordWrap: true,
    ...(colWidths ? { colWidths } : {}),
  });
  for (const row of cells) table.push(row);
  const [header = '', ...body] = table.toString().split('\n');
  const rule = options.style.dim(
    '─'.repeat(natural.reduce((sum, w, i) => sum + (colWidths?.[i] ?? w), 0) + 2 * (head.length - 1)),
  );
  return [options.style.bold(header.trimEnd()), rule, ...body].map((line) => line.trimEnd()).join('\n');
}

function fitWidths(
  natural: readonly number[],
  width: number | undefined,
  wrap: readonly number[],
): number[] | undefined {
  const gaps = 2 * (natural.length - 1);
  const total = natural.reduce((sum, w) => sum + w, 0) + gaps;
  if (width === undefined || total <= width || wrap.length === 0) return undefined;
  const fixed = natural.reduce((sum, w, i) => (wrap.includes(i) ? sum : sum + w), 0) + gaps;
  const share = Math.max(MIN_WRAPPED, Math.floor((width - fixed) / wrap.length));
  return natural.map((w, i) => (wrap.includes(i) ? Math.min(w, share) : w));
}
