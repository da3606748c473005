import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ownPackage } from './own-package.js';

// Frames under <package>/{src,dist} are ours (both: with source maps on, as under tsx, a frame in dist/ is shown at
// its place in src/). Found when a stack is first read.
let ownDirs: string[] | undefined;
const FRAMES = 4;

/**
 * Where a registration was made, kept as an unformatted stack so that registering stays cheap:
 * V8 formats a stack only when it is read, and plugboard reads it only for error messages.
 */
export class CallSite {
  readonly #stack: { stack?: string } = {};
  #formatted: string | undefined | null = null;

  /** Where a registration from a file was made without running it (a manifest entry): no stack to take. */
  static known(location: string | undefined): CallSite {
    const site = new CallSite(false);
    site.#formatted = location;
    return site;
  }

  constructor(capture = true) {
    if (!capture) return;
    // The caller's file is the third frame up (above the registry's callSite() and RegisterPlugin,
    // register or registerPlugin): capturing four frames instead of the default ten is cheaper.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = FRAMES;
    Error.captureStackTrace(this.#stack, CallSite);
    Error.stackTraceLimit = limit;
  }

  /** `file:line` of the first frame outside plugboard, relative to the working directory; undefined if unknown. */
  toString(): string | undefined {
    if (this.#formatted === null) this.#formatted = firstForeignFrame(this.#stack.stack ?? '');
    return this.#formatted;
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
