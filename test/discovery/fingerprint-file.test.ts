// Issue 28: plugin files are hashed through one reused buffer; a file of any size (one read, exactly the buffer,
// several reads) gets the size and SHA-256 of its whole content, and a FIFO in a file's place does not block.
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fingerprintFileSync } from '../../src/discovery/fingerprint-file.js';
import { removeTempDirs, tempDir } from './plugin-files.js';

afterEach(removeTempDirs);

describe('fingerprintFileSync', () => {
  it.each([0, 1, 300, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 3 * 64 * 1024 + 17])(
    'hashes the whole content of a file of %i bytes',
    (size) => {
      const file = path.join(tempDir(), 'plugin.js');
      const content = randomBytes(size);
      writeFileSync(file, content);
      expect(fingerprintFileSync(file)).toEqual({ size, sha256: createHash('sha256').update(content).digest('hex') });
    },
  );

  it('reads a small file after a large one without keeping any of it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'large.js'), Buffer.alloc(100_000, 'a'));
    writeFileSync(path.join(dir, 'small.js'), 'b');
    fingerprintFileSync(path.join(dir, 'large.js'));
    expect(fingerprintFileSync(path.join(dir, 'small.js'))).toEqual({
      size: 1,
      sha256: createHash('sha256').update('b').digest('hex'),
    });
  });

  it('does not wait for a writer when a FIFO stands in a plugin file’s place', () => {
    if (process.platform === 'win32') return;
    const fifo = path.join(tempDir(), 'plugin.js');
    execFileSync('mkfifo', [fifo]);
    expect(fingerprintFileSync(fifo)).toEqual({ size: 0, sha256: createHash('sha256').digest('hex') });
  });
});
