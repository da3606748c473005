/**
 * Runs `fn` (sync or async) and then `cleanup`, also when `fn` throws or its promise rejects.
 * Returns what `fn` returns.
 */
export function runThen<T>(fn: () => T, cleanup: () => void): T {
  let result: T;
  try {
    result = fn();
  } catch (error) {
    cleanup();
    throw error;
  }
  if (result instanceof Promise) return result.finally(cleanup) as T;
  cleanup();
  return result;
}
