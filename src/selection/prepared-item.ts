import type { RegisteredPlugin } from '../registry/registered-plugin.js';

/** One item of a selection, checked and ready to build: a registered plugin with its options, or an instance. */
export type PreparedItem = {
  readonly kind: string;
  /** As the user wrote it: the alias's spelling, or `ClassName instance`. */
  readonly name: string;
  /** True if it was filled in as its kind's default. */
  readonly isDefault: boolean;
} & ({ readonly entry: RegisteredPlugin; readonly options: unknown } | { readonly instance: object });
