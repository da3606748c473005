import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { repoRoot, runAsync } from '../../scripts/pack-consumer.mjs';

// Issue 13: the API reference (`npm run docs`, typedoc.json) documents every public export of every entry point,
// and has no broken link: typedoc's validation, with its warnings treated as errors.
describe('the API reference (typedoc)', () => {
  it('documents every public export and has no broken link', async () => {
    const typedoc = join(repoRoot, 'node_modules', 'typedoc', 'bin', 'typedoc');

    const result = await runAsync(process.execPath, [typedoc, '--emit', 'none', '--logLevel', 'Warn'], repoRoot);

    // eslint-disable-next-line no-control-regex -- typedoc colours its warnings
    expect(result.output.replace(/\u001b\[[0-9;]*m/g, '')).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});
