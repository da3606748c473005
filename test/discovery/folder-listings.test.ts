// Issue 28: the command's registration and freshness check of one manifest share one listing per folder; the
// shared listing answers as the disk did, including a folder that cannot be listed.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { listMatchingFiles } from '../../src/discovery/list-matching-files.js';
import { folderListings, realPathsUnder } from '../../src/discovery/real-path-inside.js';
import { removeTempDirs, tempDir, writeFiles } from './plugin-files.js';

afterEach(() => {
  jest.restoreAllMocks();
  removeTempDirs();
});

describe('folderListings', () => {
  it('lists a plugin folder once for the real paths and the pattern both, with the same answers', () => {
    const dir = tempDir();
    writeFiles(dir, { 'plugins/a.js': '', 'plugins/b.js': '', 'plugins/notes.txt': '' });
    const readdir = jest.spyOn(fs, 'readdirSync');
    const list = folderListings();
    const realPath = realPathsUnder(dir, list);
    expect(realPath(path.join(dir, 'plugins/a.js'))).toBe(path.join(dir, 'plugins/a.js'));
    expect(listMatchingFiles(dir, ['plugins/*.js'], list)).toEqual(listMatchingFiles(dir, ['plugins/*.js']));
    const listings = readdir.mock.calls.filter(([folder]) => folder === path.join(dir, 'plugins'));
    // Once shared, once for the comparison without sharing.
    expect(listings).toHaveLength(2);
  });

  it('throws the same error again for a folder that cannot be listed, as listMatchingFiles expects', () => {
    const dir = tempDir();
    const list = folderListings();
    const missing = path.join(dir, 'none');
    expect(() => list(missing)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => list(missing)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(listMatchingFiles(dir, ['none/*.js'], list)).toEqual([]);
    writeFiles(dir, { 'file.js': '' });
    expect(listMatchingFiles(dir, ['file.js/*.js'], list)).toEqual([]);
  });
});
