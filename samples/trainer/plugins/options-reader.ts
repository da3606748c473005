/**
 * A plugin's options as its constructor receives them (the variant's params merged with a user's overrides),
 * checked field by field. Problems are collected, then thrown together by `done()`, so one message lists all.
 */
export class OptionsReader {
  readonly #record: Record<string, unknown>;
  readonly #known = new Set<string>();
  readonly #problems: string[] = [];

  constructor(options: unknown) {
    this.#record = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      this.#problems.push('options must be an object');
    }
  }

  /** An integer in `[min, max]`, or `fallback` when absent. */
  integer(key: string, fallback: number, min: number, max: number): number {
    const value = this.#take(key);
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.#problems.push(`${key} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
    return fallback;
  }

  /** A boolean, or `fallback` when absent. */
  boolean(key: string, fallback: boolean): boolean {
    const value = this.#take(key);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.#problems.push(`${key} must be true or false, got ${JSON.stringify(value)}`);
    return fallback;
  }

  /** One of `choices`, or `fallback` when absent. */
  oneOf<T>(key: string, choices: readonly T[], fallback: T): T {
    const value = this.#take(key);
    if (value === undefined) return fallback;
    const choice = choices.find((candidate) => candidate === value);
    if (choice !== undefined) return choice;
    this.#problems.push(
      `${key} must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}, got ${JSON.stringify(value)}`,
    );
    return fallback;
  }

  /** Records a problem found by a check across fields. */
  problem(message: string): void {
    this.#problems.push(message);
  }

  /** Throws a RangeError listing every problem, including unknown keys; returns otherwise. */
  done(): void {
    const unknown = Object.keys(this.#record).filter((key) => !this.#known.has(key));
    if (unknown.length > 0) {
      this.#problems.push(`unknown option ${unknown.join(', ')} (known: ${[...this.#known].join(', ')})`);
    }
    if (this.#problems.length > 0) throw new RangeError(`${this.#problems.join('; ')}.`);
  }

  #take(key: string): unknown {
    this.#known.add(key);
    return this.#record[key];
  }
}
