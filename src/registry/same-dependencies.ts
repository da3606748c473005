import type { InjectedDependency } from './plugin-dependency.js';

/** True if two declared dependency lists name the same tokens, in order, alike. */
export function sameDependencies(
  a: readonly InjectedDependency[] | undefined,
  b: readonly InjectedDependency[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.length === b.length &&
    a.every((item, index) => {
      const other = b[index] as InjectedDependency;
      return item.token === other.token && item.optional === other.optional && item.name === other.name;
    })
  );
}
