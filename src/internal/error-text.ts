/** The longest error message `errorText` keeps. */
const MAX_MESSAGE = 2_000;

/**
 * The message of a thrown value, for a message plugboard builds around it: Node's "Require stack" (which names
 * install paths) cut off, the folders in `strip` written relative (`./plugins/x.js`), and the text capped, with
 * `…` where it was cut. The thrown value itself stays available as the `cause`.
 */
export function errorText(error: unknown, strip: readonly string[] = []): string {
  let text = messageOf(error);
  const stack = text.indexOf('\nRequire stack:');
  if (stack >= 0) text = text.slice(0, stack);
  for (const dir of strip) if (dir.length > 1) text = text.replaceAll(`${dir.replace(/[\\/]+$/, '')}/`, './');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

function messageOf(error: unknown): string {
  try {
    // Duck-typed: an error from another realm (a vm context, a worker) is not `instanceof Error`.
    if (typeof error === 'object' && error !== null && 'message' in error) {
      const message: unknown = error.message; // a getter may return anything
      return String(message);
    }
    return String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}
