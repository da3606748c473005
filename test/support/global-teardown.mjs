// jest's globalTeardown: removes the run's folder that test/support/global-setup.mjs made.
import { rmSync } from 'node:fs';

export default function globalTeardown() {
  const folder = process.env.PLUGBOARD_TEST_PACK;
  if (folder) rmSync(folder, { recursive: true, force: true });
}
