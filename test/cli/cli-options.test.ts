import { describe, expect, it } from '@jest/globals';
import { aliasPattern } from '../../src/cli/alias-pattern.js';
import { safeOutput } from '../../src/cli/cli-io.js';
import { parseEnvFlag } from '../../src/cli/parse-env-flag.js';
import { refreshCommand } from '../../src/cli/refresh-command.js';
import { terminalStyle } from '../../src/cli/terminal-style.js';

describe(parseEnvFlag.name, () => {
  it('coerces numbers, booleans and null, and keeps other values as strings', () => {
    const env = ['gpus=4', 'modelGb=40.5', 'offload=true', 'spot=false', 'zone=eu-west', 'limit=null', 'note='].reduce(
      (built: Record<string, unknown>, flag) => parseEnvFlag(flag, built),
      {},
    );

    expect(env).toEqual({ gpus: 4, modelGb: 40.5, offload: true, spot: false, zone: 'eu-west', limit: null, note: '' });
  });

  it('refuses a flag without a key and a value', () => {
    expect(() => parseEnvFlag('gpus')).toThrow('expected key=value, such as gpus=4 or offload=true, got "gpus".');
    expect(() => parseEnvFlag('=4')).toThrow('expected key=value');
    expect(() => parseEnvFlag('__proto__=1')).toThrow('expected key=value');
  });
});

describe(aliasPattern.name, () => {
  const aliases = ['deepspeed', 'deepspeed_zero_3_offload', 'ddp', 'ddp_spawn', 'bf16-mixed'];
  const matching = (filter: string) => aliases.filter(aliasPattern(filter));

  it('matches the whole alias with wildcards, ignoring case and - or _', () => {
    expect(matching('deepspeed*')).toEqual(['deepspeed', 'deepspeed_zero_3_offload']);
    expect(matching('DDP?spawn')).toEqual(['ddp_spawn']);
    expect(matching('bf16_*')).toEqual(['bf16-mixed']);
    expect(matching('dd')).toEqual(['ddp', 'ddp_spawn']);
    expect(matching('*.*')).toEqual([]);
  });

  it('matches many wildcards against a long alias without backtracking (issue 12)', () => {
    // An anchored RegExp took minutes on this: each of the 12 stars could end anywhere.
    const alias = 'a'.repeat(128);

    expect(aliasPattern('a*a*a*a*a*a*a*a*a*a*a*a*b')(alias)).toBe(false);
    expect(aliasPattern('*a*a*a*a*a*a*a*a*a*a*a*a')(alias)).toBe(true);
    expect(aliasPattern(`${'*?'.repeat(500)}b`)(alias)).toBe(false);
  });

  it('matches * and ? as globs do', () => {
    const cases: [string, string, boolean][] = [
      ['*', '', true],
      ['?', '', false],
      ['a*b*c', 'abc', true],
      ['a*b*c', 'aXbYc', true],
      ['a*b*c', 'acb', false],
      ['*ab', 'aab', true],
      ['ab*', 'aab', false],
      ['a?c*', 'abcd', true],
      ['*b?', 'abc', true],
      ['**', 'x', true],
      ['a*a', 'a', false],
    ];

    for (const [filter, alias, expected] of cases)
      expect([filter, alias, aliasPattern(filter)(alias)]).toEqual([filter, alias, expected]);
  });
});

describe(terminalStyle.name, () => {
  const tty = { write: () => true, isTTY: true };
  const pipe = { write: () => true };

  it('colours a terminal unless NO_COLOR or --no-color says not to, and a pipe only with FORCE_COLOR', () => {
    expect(terminalStyle(tty, {}, undefined).enabled).toBe(true);
    expect(terminalStyle(tty, { NO_COLOR: '1' }, undefined).enabled).toBe(false);
    expect(terminalStyle(tty, { NO_COLOR: '' }, undefined).enabled).toBe(true);
    expect(terminalStyle(tty, { TERM: 'dumb' }, undefined).enabled).toBe(false);
    expect(terminalStyle(tty, {}, false).enabled).toBe(false);
    expect(terminalStyle(pipe, {}, undefined).enabled).toBe(false);
    expect(terminalStyle(pipe, { FORCE_COLOR: '1' }, undefined).enabled).toBe(true);
    expect(terminalStyle(pipe, { FORCE_COLOR: '0' }, undefined).enabled).toBe(false);
  });

  it('returns the text unchanged when colour is off', () => {
    expect(terminalStyle(pipe, {}, undefined).red('error:')).toBe('error:');
    expect(safeOutput(terminalStyle(tty, {}, undefined).red('error:'))).toBe('\u001b[31merror:\u001b[39m');
  });
});

describe(safeOutput.name, () => {
  it('writes every control character but line feed as a visible escape (issue 12)', () => {
    expect(safeOutput('a\u001b]0;title\u0007b\u009b2J\r\t\u007f\u202e\nc')).toBe(
      'a\\u001b]0;title\\u0007b\\u009b2J\\u000d\\u0009\\u007f\\u202e\nc',
    );
  });

  it('turns only the marks of its own colours into escape sequences', () => {
    const red = terminalStyle({ write: () => true, isTTY: true }, {}, undefined).red;

    expect(safeOutput(red('\u001b[2J'))).toBe('\u001b[31m\\u001b[2J\u001b[39m');
    expect(safeOutput('\uE00031m')).toBe('\uE00031m');
  });

  it('escapes and colours half a megabyte of output in one pass, as two passes would (issue 28)', () => {
    const red = terminalStyle({ write: () => true, isTTY: true }, {}, undefined).red;
    const line = `{ "alias": "plugin", "description": "tab\there \u202e bidi" }\n`;
    const text = `${line.repeat(8_000)}${red('\u0007')}\u009b`;

    const out = safeOutput(text);

    expect(out.length).toBeGreaterThan(500_000);
    expect(out).toBe(
      line.replaceAll('\t', '\\u0009').replaceAll('\u202e', '\\u202e').repeat(8_000) +
        '\u001b[31m\\u0007\u001b[39m\\u009b',
    );
  });
});

describe(refreshCommand.name, () => {
  it('repeats the sources the manifest was written from, quoted for a shell', () => {
    expect(refreshCommand({ file: 'plugboard.manifest.json', plugins: undefined, root: '.', packages: true })).toBe(
      'npx plugboard manifest',
    );
    expect(
      refreshCommand({ file: 'out/m.json', plugins: ['dist/plugins/*.js', "it's.js"], root: 'dist', packages: false }),
    ).toBe("npx plugboard manifest out/m.json --plugins 'dist/plugins/*.js' 'it'\\''s.js' --root dist --no-packages");
  });
});
