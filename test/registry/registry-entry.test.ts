// plugboard/registry must start fast: tools that list plugins from a manifest, and plugin modules, import it.
// Nothing it imports, however indirectly, may load inversify (about 150 ms of module loading on its own).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../src', import.meta.url));

/** Every module specifier that `file` and the project files it imports (statically) import. */
function importsReachableFrom(file: string, seen = new Set<string>()): Set<string> {
  const specifiers = new Set<string>();
  const visit = (current: string): void => {
    if (seen.has(current)) return;
    seen.add(current);
    const text = readFileSync(current, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)(?!\s+type\b)[^'"]*?from\s+'([^']+)';/gms)) {
      const specifier = match[1] ?? '';
      specifiers.add(specifier);
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(current), specifier.replace(/\.js$/, '.ts')));
    }
  };
  visit(file);
  return specifiers;
}

describe('plugboard/registry', () => {
  it('does not load inversify, directly or through any module it imports', () => {
    const reached = importsReachableFrom(path.join(src, 'registry.ts'));

    expect([...reached].filter((specifier) => specifier === 'inversify' || specifier.includes('container/'))).toEqual(
      [],
    );
    expect(reached.size).toBeGreaterThan(20);
  });

  it('is what the main entry re-exports, beside the container integration', () => {
    const main = importsReachableFrom(path.join(src, 'index.ts'));

    expect(main.has('./registry.js')).toBe(true);
    expect(main.has('inversify')).toBe(true);
  });
});
