/** What a callback that must be synchronous returned instead of a plain value, when it is a thenable. */
export type ThenableKind = 'thenable' | 'throwing-then';

/** Does nothing: the handler that marks a rejection as handled. */
function ignore(): void {
  // The rejection was already reported as a broken contract; its reason is not needed.
}

/**
 * Whether `value` is a thenable (a Promise from any realm, or any object with a `then` method), reading `then`
 * once and safely: `'throwing-then'` when reading it throws. When it is one, a handler is attached so that its
 * rejection never goes unhandled: through a Promise of this realm, which calls `then` itself (a `then` that
 * throws or never calls back rejects or leaves pending that Promise only).
 */
export function handleThenable(value: unknown): ThenableKind | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  let then: unknown;
  try {
    then = (value as { then?: unknown }).then;
  } catch {
    return 'throwing-then';
  }
  if (typeof then !== 'function') return undefined;
  // `resolve` adopts the thenable's state in a later job; whatever it does, this Promise has a handler.
  new Promise((resolve) => {
    resolve(value);
  }).catch(ignore);
  return 'thenable';
}
