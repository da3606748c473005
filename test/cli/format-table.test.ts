import { describe, expect, it } from '@jest/globals';
import stringWidth from 'string-width';
import { formatTable } from '../../src/cli/format-table.js';
import { terminalStyle } from '../../src/cli/terminal-style.js';

const style = terminalStyle({ isTTY: false, write: () => true }, {}, false);

describe(formatTable.name, () => {
  it('draws the rule as wide as the columns when an alias or description holds CJK or emoji (issue 27)', () => {
    const table = formatTable(
      ['Alias', 'Kind', 'Description'],
      [
        ['分布式', 'strategy', '数据并行训练'],
        ['rocket🚀', 'logger', 'logs 👩‍👩‍👧 families'],
      ],
      { style },
    );

    expect(table.split('\n')).toEqual([
      'Alias     Kind      Description',
      '─'.repeat(8 + 2 + 8 + 2 + 16),
      '分布式    strategy  数据并行训练',
      'rocket🚀  logger    logs 👩‍👩‍👧 families',
    ]);
    // Display widths: "rocket🚀" takes 8 columns, "logs 👩‍👩‍👧 families" 16; the rule spans them all.
    const [, rule = '', ...body] = table.split('\n');
    expect(Math.max(...body.map((line) => stringWidth(line)))).toBe(stringWidth(rule));
  });

  it('wraps the long column at words to fit the width, by display width', () => {
    const table = formatTable(['Alias', 'Why'], [['ddp', 'one two three four five six seven eight nine ten']], {
      style,
      width: 25,
      wrap: [1],
    });

    expect(table.split('\n')).toEqual([
      'Alias  Why',
      '─'.repeat(25),
      'ddp    one two three four',
      '       five six seven',
      '       eight nine ten',
    ]);
  });

  it('breaks a word wider than its column between characters, never inside an emoji', () => {
    const table = formatTable(['A', 'Why'], [['x', '👩‍👩‍👧'.repeat(10)]], { style, width: 20, wrap: [1] });

    const lines = table.split('\n').slice(2);
    expect(lines.every((line) => stringWidth(line) <= 3 + 16)).toBe(true);
    expect(lines.join('').replaceAll(' ', '').replace(/^x/, '')).toBe('👩‍👩‍👧'.repeat(10));
  });
});
