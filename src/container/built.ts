/** An instance in a box: a promise of it cannot adopt an instance that has a `then` method. */
export interface Built {
  readonly value: unknown;
}
