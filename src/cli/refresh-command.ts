/** The shell command that writes a manifest again with the same sources, to name when it is stale. */
export function refreshCommand(args: {
  file: string;
  plugins: readonly string[] | undefined;
  root: string | undefined;
  registry?: string | undefined;
  packages: boolean;
}): string {
  const words = ['npx', 'plugboard', 'manifest'];
  if (args.file !== 'plugboard.manifest.json') words.push(shellQuote(args.file));
  if (args.plugins !== undefined) words.push('--plugins', ...args.plugins.map(shellQuote));
  if (args.root !== undefined && args.root !== '.') words.push('--root', shellQuote(args.root));
  if (args.registry !== undefined) words.push('--registry', shellQuote(args.registry));
  if (!args.packages) words.push('--no-packages');
  return words.join(' ');
}

function shellQuote(word: string): string {
  return /^[\w./@:=+-][\w./@:=+#-]*$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
