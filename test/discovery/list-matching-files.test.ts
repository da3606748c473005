// Issue 28: the manifest's freshness check lists folders instead of loading the glob library; it must find
// exactly what the glob finds, and hand every pattern it cannot answer alike back to the glob.
import { afterEach, describe, expect, it } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { globFiles } from '../../src/discovery/glob-files.js';
import { listMatchingFiles } from '../../src/discovery/list-matching-files.js';
import { removeTempDirs, tempDir, writeFiles } from './plugin-files.js';

afterEach(removeTempDirs);

function project(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'plugins/a.js': '',
    'plugins/b.mjs': '',
    'plugins/c.ts': '',
    'plugins/c.d.ts': '',
    'plugins/.hidden.js': '',
    'plugins/notes.txt': '',
    'plugins/ab.cjs': '',
    'plugins/x+y.js': '',
    'plugins/nested/deep.js': '',
    'plugins/folder.js/inside.js': '',
    '.dot/plugin.js': '',
    'top.js': '',
  });
  symlinkSync(path.join(dir, 'plugins/a.js'), path.join(dir, 'plugins/link.js'));
  symlinkSync(path.join(dir, 'plugins/missing.js'), path.join(dir, 'plugins/broken.js'));
  return dir;
}

describe('listMatchingFiles', () => {
  it.each([
    [['plugins/*.js']],
    [['./plugins/*.mjs', 'plugins/*.ts']],
    [['plugins/?.js']],
    [['plugins/a*']],
    [['plugins/*']],
    [['plugins/.*']],
    [['*.js']],
    [['.dot/*.js']],
    [['plugins/a.js', 'plugins/*.js']],
    [['absent/*.js']],
    [['top.js/*.js']],
  ])('finds what the glob finds for %j', async (patterns) => {
    const dir = project();
    const listed = listMatchingFiles(dir, patterns);
    expect(listed).toEqual(await globFiles(dir, patterns));
    expect(listed).toBeDefined();
  });

  it.each([
    [['plugins/**/*.js']],
    [['plugins/**']],
    [['*/*.js']],
    [['plugins/{a,b}.js']],
    [['plugins/[ab].js']],
    [['!plugins/a.js']],
    [['plugins/x+y.js']],
    [['node_modules/pkg/*.js']],
    [['../elsewhere/*.js']],
    [['/abs/*.js']],
    [['plugins/']],
    [['plugins/*.js', 'plugins/**/*.js']],
  ])('leaves %j to the glob', (patterns) => {
    expect(listMatchingFiles(project(), patterns)).toBeUndefined();
  });
});
