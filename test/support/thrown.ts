/** What `fn` throws, as the type the test expects to inspect; fails the test if `fn` returns. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the error type it inspects
export function thrown<TError = Error>(fn: () => unknown): TError {
  try {
    fn();
  } catch (error) {
    return error as TError;
  }
  throw new Error('expected a throw');
}
