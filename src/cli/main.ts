import { runCli } from './run-cli.js';

// The `plugboard` program (bin/plugboard.js imports this file from dist/).
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
