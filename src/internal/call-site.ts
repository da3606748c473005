import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ownPackage } from './own-package.js';

// Frames under <package>/{src,dist} are ours (both: with source maps on, as under tsx, a frame in dist/ is shown at
// its place in src/). Found when a stack is first read.
let ownDirs: string[] | undefined;

/** Where a registration was made. */
export interface CallSite {
  /** `file:line`, relative to the working directory; undefined if unknown. */
  location(): string | undefined;
}

/** A place known without taking a stack (a manifest entry's module), or none. */
export function knownCallSite(location: string | undefined): CallSite {
  return { location: () => location };
}

/**
 * The place that called the public function creating it (`register`, `RegisterPlugin`, `registerPlugin`):
 * create it in that function's own body. It keeps two frames, that function's and its caller's, unformatted:
 * V8 formats a stack only when it is read (applying source maps then, as under tsx and jest), and plugboard
 * reads it only for error messages and `describe`.
 *
 * An Error subclass because V8 keeps the frames an Error's constructor captures compactly (about 180 B for
 * these two); `Error.captureStackTrace` on any other object turns it into a dictionary (about 350 B).
 */
export class CapturedCallSite extends Error implements CallSite {
  /** `between`: how many plugboard functions stand between that public function and this constructor. */
  constructor(between = 0) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 2 + between;
    super();
    Error.stackTraceLimit = limit;
  }

  location(): string | undefined {
    // Not cached here: V8 keeps the formatted stack, and this is read only for messages and listings.
    // A program's own Error.prepareStackTrace may make `stack` something else than text.
    const stack: unknown = this.stack;
    return typeof stack === 'string' ? firstForeignFrame(stack) : undefined;
  }
}

function firstForeignFrame(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):\d+\)?$/.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    const raw = match[1];
    if (raw.startsWith('node:')) continue;
    const file = raw.startsWith('file://') ? fileURLToPath(raw) : raw;
    ownDirs ??= ['src', 'dist'].map((dir) => path.join(ownPackage(), dir) + path.sep);
    if (ownDirs.some((dir) => file.startsWith(dir))) continue;
    const relative = path.relative(process.cwd(), file);
    return `${relative.startsWith('..') ? file : relative}:${match[2]}`;
  }
  return undefined;
}
