import { fileURLToPath } from 'node:url';
import path from 'node:path';

// This file lives in <package>/src/internal or <package>/dist/internal: frames under <package>/{src,dist} are ours
// (both: with source maps on, as under tsx, a frame in dist/ is shown at its place in src/).
const ownPackage = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const ownDirs = ['src', 'dist'].map((dir) => path.join(ownPackage, dir) + path.sep);

/** The public function a registration came through (`register`, `RegisterPlugin`, `registerPlugin`). */
export type EntryPoint = (...args: never[]) => unknown;

/**
 * Where a registration was made, kept as an unformatted stack of one frame so that registering stays cheap:
 * V8 formats a stack only when it is read (applying source maps then, as under tsx and jest), and plugboard
 * reads it only for error messages and `describe`. The CallSite holds the captured frame itself (V8's
 * `stack` accessor on this object), so that a registration pays for one object, not two.
 */
export class CallSite {
  #formatted: string | undefined | null = null;

  /** Where a registration from a file was made without running it (a manifest entry): no stack to take. */
  static known(location: string | undefined): CallSite {
    const site = new CallSite();
    site.#formatted = location;
    return site;
  }

  /**
   * Captures the frame that called `entryPoint` (the user's code) and nothing else: V8 skips every frame up to
   * and including the latest call of `entryPoint`, and one frame costs about half of what four do. Without
   * `entryPoint`, captures nothing.
   */
  constructor(entryPoint?: EntryPoint) {
    if (entryPoint === undefined) return;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(this, entryPoint);
    Error.stackTraceLimit = limit;
  }

  /** `file:line` of the caller's frame, relative to the working directory; undefined if unknown or plugboard's own. */
  toString(): string | undefined {
    if (this.#formatted === null) {
      const stack: unknown = (this as { stack?: unknown }).stack;
      this.#formatted = typeof stack === 'string' ? firstForeignFrame(stack) : undefined;
    }
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
    if (ownDirs.some((dir) => file.startsWith(dir))) continue;
    const relative = path.relative(process.cwd(), file);
    return `${relative.startsWith('..') ? file : relative}:${match[2]}`;
  }
  return undefined;
}
