import { errorText } from '../internal/error-text.js';
import { MAX_LISTED, truncate } from '../internal/quote.js';
import { plural } from '../internal/plural.js';

/** The plugin modules of one registry that failed to import, with their errors. */
export class LoadErrors {
  readonly #byModule = new Map<string, unknown>();

  record(module: string, error: unknown): void {
    this.#byModule.set(module, error);
  }

  get(module: string): unknown {
    return this.#byModule.get(module);
  }

  list(): { module: string; error: unknown }[] {
    return [...this.#byModule].map(([module, error]) => ({ module, error }));
  }

  /** The paragraph an UnknownPluginError adds when modules failed to load, or undefined. */
  describe(): string | undefined {
    const count = this.#byModule.size;
    const failed = [...this.#byModule]
      .slice(0, MAX_LISTED)
      .map(([module, error]) => `  ${truncate(module)}: ${errorMessage(error)}`);
    if (count > MAX_LISTED) failed.push(`  ... and ${String(count - MAX_LISTED)} more (loadErrors())`);
    return count > 0
      ? `${plural(count, 'plugin module')} failed to load and may provide it:\n${failed.join('\n')}`
      : undefined;
  }

  copyTo(other: LoadErrors): void {
    for (const [module, error] of this.#byModule) other.#byModule.set(module, error);
  }
}

function errorMessage(error: unknown): string {
  // Issue 12: the first line, capped (no "Require stack" or install paths); the error itself stays in loadErrors().
  return truncate(errorText(error).split('\n', 1)[0] ?? '');
}
