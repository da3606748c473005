import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import path from 'node:path';
import { isInside } from '../../src/discovery/real-path-inside.js';
import { relativePath } from '../../src/discovery/relative-path.js';
import { resolvePath, splitPath } from '../../src/discovery/posix-paths.js';

// Issue 17: a manifest check handles resolved POSIX paths as strings instead of through Node's path functions
// (slow while they still run in the interpreter). Whatever the paths, the results are path's own.

const segment = fc.constantFrom('a', 'b', 'ab', '.', '..', '', '.a', 'a.', '...', 'x y', 'é', '\\');
const somePath = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 5 }), fc.boolean())
  .map(([absolute, segments, trailing]) => `${absolute ? '/' : ''}${segments.join('/')}${trailing ? '/' : ''}`);
const absolutePath = somePath.map((file) => (file.startsWith('/') ? file : `/${file}`));

describe('resolved POSIX paths handled as strings', () => {
  it('resolve as path.resolve does', () => {
    fc.assert(
      fc.property(absolutePath, somePath, (dir, relative) => {
        expect(resolvePath(dir, relative)).toBe(path.resolve(dir, relative));
      }),
      { numRuns: 5000 },
    );
  });

  it('split into path.dirname and path.basename', () => {
    fc.assert(
      fc.property(somePath, (file) => {
        expect(splitPath(file)).toEqual([path.dirname(file), path.basename(file)]);
      }),
      { numRuns: 5000 },
    );
  });

  it('are inside one another and relative to one another as path.relative says', () => {
    fc.assert(
      fc.property(somePath, somePath, fc.boolean(), (root, file, self) => {
        const relative = path.relative(root, file);
        const inside = relative === '' ? self : relative !== '..' && !relative.startsWith('../');

        expect(isInside(root, file, self)).toBe(inside);
        expect(relativePath(root, file)).toBe(relative);
      }),
      { numRuns: 5000 },
    );
  });
});
