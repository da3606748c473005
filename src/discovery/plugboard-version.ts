import path from 'node:path';
import { fs } from '../internal/builtins.js';
import { ownPackage } from '../internal/own-package.js';

let version: string | undefined;

/** The version of this copy of plugboard, from its package.json (beside both src/ and dist/). */
export function plugboardVersion(): string {
  if (version === undefined) {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(ownPackage(), 'package.json'), 'utf8'));
    const found = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : '';
    version = typeof found === 'string' && found !== '' ? found : '0.0.0';
  }
  return version;
}
