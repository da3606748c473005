// Issue 28: a manifest is read with one read of its size (and a byte more); files at the limit, over it, larger
// than a chunk, and not regular files keep their answers.
import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readBoundedFile } from '../../src/discovery/read-bounded-file.js';
import { removeTempDirs, tempDir } from './plugin-files.js';

afterEach(removeTempDirs);

function fileWith(content: string): string {
  const file = path.join(tempDir(), 'plugboard.manifest.json');
  writeFileSync(file, content);
  return file;
}

describe('readBoundedFile', () => {
  it('reads a file of exactly the limit, and refuses one a byte over', () => {
    expect(readBoundedFile(fileWith('x'.repeat(100)), 100)).toEqual({ text: 'x'.repeat(100) });
    expect(readBoundedFile(fileWith('x'.repeat(101)), 100)).toEqual({ problem: 'too large' });
  });

  it('reads a file larger than one chunk, with characters of several bytes, whole', () => {
    const text = 'é€😀'.repeat(200_000);
    expect(readBoundedFile(fileWith(text), 16 * 1024 * 1024)).toEqual({ text });
  });

  it('reads an empty file', () => {
    expect(readBoundedFile(fileWith(''), 100)).toEqual({ text: '' });
  });

  it('says what is missing or not a file', () => {
    const dir = tempDir();
    expect(readBoundedFile(path.join(dir, 'none.json'), 100)).toEqual({ problem: 'missing' });
    expect(readBoundedFile(dir, 100)).toEqual({ problem: 'not a file' });
    if (process.platform !== 'win32') expect(readBoundedFile('/dev/zero', 100)).toEqual({ problem: 'not a file' });
  });
});
