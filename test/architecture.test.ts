// ARCHITECTURE.md lists plugboard's layers; dependency-cruiser.config.js enforces the same list (issue 18).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const config: string = '../dependency-cruiser.config.js';
const { layers } = (await import(config)) as { layers: string[][] };

/** The layer lines of ARCHITECTURE.md's `text` block that follows the `layers:` marker. */
function documentedLayers(): string[][] {
  const text = readFileSync(`${root}ARCHITECTURE.md`, 'utf8');
  const block = /<!-- layers:[^>]*-->\n```text\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  return block
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
}

describe('ARCHITECTURE.md', () => {
  it('lists the layers that the import lint rule enforces (issue 18)', () => {
    expect(documentedLayers()).toEqual(layers);
  });
});
