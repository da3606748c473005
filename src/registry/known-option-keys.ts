/**
 * The option keys a plugin declares, and how a key it does not declare is judged:
 * - `'refused'`: an error with a did-you-mean (the default);
 * - `'accepted'`: the registration says `allowUnknownOptions: true`, or its schema declares open-ended keys
 *   (a record, a loose object);
 * - `'schema'`: the schema cannot list its keys (it offers no JSON Schema, or not of an object): a key is
 *   accepted if the schema's output keeps it, refused if the schema drops it (a stripping object schema).
 */
export interface KnownOptionKeys {
  /** The declared keys: the schema's properties, `optionKeys`, and the params of every variant of the class. */
  readonly keys: readonly string[];
  readonly has: (key: string) => boolean;
  readonly others: 'refused' | 'accepted' | 'schema';
}
