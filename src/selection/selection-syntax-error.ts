import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import { escapeControls } from '../internal/quote.js';

const WINDOW = 40;

/** Two lines that show `input` around `position` with a caret under it (long input is cut). */
export function pointAt(input: string, position: number): string {
  const start = Math.max(0, position - WINDOW);
  const end = Math.min(input.length, position + WINDOW);
  const prefix = start > 0 ? '…' : '';
  // Control characters are escaped, so the caret goes under the escaped text.
  const before = escapeControls(input.slice(start, position));
  const excerpt = `${prefix}${before}${escapeControls(input.slice(position, end))}${end < input.length ? '…' : ''}`;
  return `  ${excerpt}\n  ${' '.repeat(prefix.length + before.length)}^`;
}

/** A PluginSelectionError that shows where in the text the problem is. */
export function selectionSyntaxError(input: string, position: number, problem: string): PluginSelectionError {
  return new PluginSelectionError(
    `Invalid plugin selection at position ${String(position)}: ${problem}\n${pointAt(input, position)}\n` +
      'Write plugins as alias or alias(key=value, ...), separated by commas: ' +
      '"deepspeed_zero_3_offload(stage=2, offloadOptimizer=false), bf16-mixed".',
    { input, position },
  );
}
