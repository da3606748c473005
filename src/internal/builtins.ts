// node:fs and node:util as CommonJS modules (process.getBuiltinModule, Node 20.16+). Importing them from an ES
// module makes Node build a facade that reads every export, which loads fs streams, MIME types and parseArgs: a few
// ms of `import('plugboard')` that nothing in it needs. Functions are looked up on the module when called.

/** `node:fs`. */
export const fs = process.getBuiltinModule('node:fs');

/** `node:util`. */
export const util = process.getBuiltinModule('node:util');
