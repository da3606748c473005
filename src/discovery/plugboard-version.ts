import { ownPackageJson } from '../internal/own-package.js';

let version: string | undefined;

/** The version of this copy of plugboard, from its package.json (beside both src/ and dist/), read once. */
export function plugboardVersion(): string {
  if (version === undefined) {
    const found = ownPackageJson()?.version;
    version = typeof found === 'string' && found !== '' ? found : '0.0.0';
  }
  return version;
}
