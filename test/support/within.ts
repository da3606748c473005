/**
 * How `promise` settles within `ms`: `{ value }`, `{ error }`, or `'hung'` if it has not settled by then. The
 * timer is cleared either way, so a test that bounds a possible hang leaves nothing running.
 */
export async function within<T>(
  promise: Promise<T>,
  ms = 2_000,
): Promise<{ readonly value: T } | { readonly error: unknown } | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(resolve, ms, 'hung');
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value: box(value) }),
        (error: unknown) => ({ error }),
      ),
      hung,
    ]).then((outcome) => (outcome === 'hung' ? outcome : unbox(outcome)));
  } finally {
    clearTimeout(timer);
  }
}

// A value that is itself a thenable would be adopted by the race: it travels boxed.
function box<T>(value: T): { readonly inner: T } {
  return { inner: value };
}

function unbox<T>(
  outcome: { readonly value: { readonly inner: T } } | { readonly error: unknown },
): { readonly value: T } | { readonly error: unknown } {
  return 'value' in outcome ? { value: outcome.value.inner } : outcome;
}
