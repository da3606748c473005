#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The `plugboard` program: the package's bin, dist/cli/main.js itself (one module less to load than a launcher
// importing it). In a checkout, `npm run plugboard` runs bin/plugboard.js, which builds dist/ first if it is stale.
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
// Exit once the output is flushed, even if an imported plugin module left a timer or a socket open.
process.stdout.write('', () => {
  process.stderr.write('', () => process.exit(code));
});
