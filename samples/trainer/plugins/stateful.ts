/** A plugin's saved state in a checkpoint: what `stateDict` returned, and the version of its layout. */
export interface SavedPluginState {
  readonly version: number;
  /** JSON data (numbers may be NaN or infinite). */
  readonly state: unknown;
}

/**
 * A plugin whose state a checkpoint keeps (Lightning's `state_dict` / `load_state_dict` on callbacks): the
 * trainer saves `stateDict()` under `stateKey` in every checkpoint, and gives it back to `loadStateDict` when a
 * run resumes, so a resumed early_stopping keeps its patience and model_checkpoint its best values.
 */
export interface Stateful {
  /** Unique among the run's plugins: the alias, plus what tells two of them apart (model_checkpoint's dir). */
  readonly stateKey: string;
  /** The layout version of `stateDict`'s data; `loadStateDict` gets the version it was saved with. */
  readonly stateVersion: number;
  /** The state to save, as JSON data. */
  stateDict(): unknown;
  /** Restores a saved state; throws (an Error saying what is wrong) for a version or shape it cannot read. */
  loadStateDict(state: unknown, version: number): void;
}

/** True if `value` implements Stateful. */
export function isStateful(value: unknown): value is Stateful {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof Stateful, unknown>>;
  return (
    typeof candidate.stateKey === 'string' &&
    typeof candidate.stateVersion === 'number' &&
    typeof candidate.stateDict === 'function' &&
    typeof candidate.loadStateDict === 'function'
  );
}
