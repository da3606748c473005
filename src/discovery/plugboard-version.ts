import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The version of this copy of plugboard, from its package.json (next to both src/ and dist/). */
export function plugboardVersion(): string {
  if (version === undefined) {
    const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const found = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : '';
    version = typeof found === 'string' && found !== '' ? found : '0.0.0';
  }
  return version;
}
