// node:fs and node:util as CommonJS modules (process.getBuiltinModule, Node 20.16+). Importing them from an ES
// module makes Node build a facade that reads every export, which loads fs streams, MIME types and parseArgs: a few
// ms of `import('plugboard')` that nothing in it needs. Functions are looked up on the module when called.

/** `node:fs`. */
export const fs = process.getBuiltinModule('node:fs');

/** `node:util`. */
export const util = process.getBuiltinModule('node:util');

/**
 * `node:fs/promises`, looked up at the call that needs it: loading it loads Node's streams (about twenty internal
 * modules), which importing plugboard does not need.
 */
export function fsPromises(): typeof import('node:fs/promises') {
  return process.getBuiltinModule('node:fs/promises');
}

/** `createRequire` of `node:module`, looked up at the call: loading `node:module` loads its source-map support. */
export function createRequire(url: string | URL): NodeJS.Require {
  return process.getBuiltinModule('node:module').createRequire(url);
}
