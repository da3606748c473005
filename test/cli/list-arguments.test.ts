// Issue 28: `plugboard list` reads plain arguments without commander; what it reads must be what commander reads,
// and everything else must be left to commander.
import { describe, expect, it } from '@jest/globals';
import { listCommand } from '../../src/cli/list-command.js';
import { parseListArguments } from '../../src/cli/list-arguments.js';

/** What commander gives the `list` action for `argv` (after `list`). */
async function commanderReads(argv: readonly string[]): Promise<unknown> {
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: '.', env: {} };
  const command = listCommand({ io, exit: () => undefined }).exitOverride();
  let read: unknown;
  command.action((filter: string | undefined, options: object) => {
    read = { filter, options: { ...options } };
  });
  await command.parseAsync([...argv], { from: 'user' });
  return read;
}

describe('parseListArguments', () => {
  it.each([
    [[]],
    [['--manifest', 'plugboard.manifest.json', '--json']],
    [['--manifest=m.json', '--markdown', 'deep*']],
    [['-m', 'm.json', '-k', 'strategy', 'ddp']],
    [['ddp', '--kind=strategy', '--root', 'app', '--no-packages', '--no-color']],
    [['-r', './registry.js#appRegistry', '--allow-incompatible', '--registry-less']],
  ])('reads %j as commander does', async (argv) => {
    const mine = parseListArguments(['list', ...argv]);
    if (argv.includes('--registry-less')) {
      expect(mine).toBeUndefined();
      return;
    }
    expect(mine).toEqual(await commanderReads(argv));
  });

  it.each([
    [['describe', 'ddp']],
    [['list', '--help']],
    [['list', '-h']],
    [['list', '--plugins', 'dist/*.js']],
    [['list', '--json', '--markdown']],
    [['list', '--json', '--json']],
    [['list', '--kind']],
    [['list', '--kind', '--json']],
    [['list', '--kind=']],
    [['list', '--json=yes']],
    [['list', 'a', 'b']],
    [['list', '--', 'ddp']],
    [['list', '-mfile.json']],
    [['list', '--unknown']],
  ])('leaves %j to commander', (argv) => {
    expect(parseListArguments(argv)).toBeUndefined();
  });
});
