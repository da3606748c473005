// jest's globalSetup: a folder for this run, where scripts/pack-consumer.mjs builds and packs plugboard once for
// every test file (and scripts/compat-matrix.mjs, which they start) that installs the tarball. Test workers
// start after this runs, so they inherit the variable.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup() {
  process.env.PLUGBOARD_TEST_PACK = mkdtempSync(join(tmpdir(), 'plugboard-test-pack-'));
}
