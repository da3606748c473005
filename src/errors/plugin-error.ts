import { escapeControls } from '../internal/quote.js';

/** The stable codes that tell plugboard's errors apart; see the README's error table. */
export type PluginErrorCode =
  | 'PLUGIN_CONFLICT'
  | 'PLUGIN_CONSTRAINT'
  | 'PLUGIN_CREATION_FAILED'
  | 'PLUGIN_DISCOVERY_FAILED'
  | 'PLUGIN_DISPOSAL_FAILED'
  | 'PLUGIN_DISPOSED'
  | 'PLUGIN_DUPLICATE'
  | 'PLUGIN_INCOMPATIBLE'
  | 'PLUGIN_INVALID_LOCK'
  | 'PLUGIN_INVALID_MANIFEST'
  | 'PLUGIN_INVALID_OPTIONS'
  | 'PLUGIN_INVALID_REGISTRATION'
  | 'PLUGIN_INVALID_SELECTION'
  | 'PLUGIN_NOT_FOUND'
  | 'PLUGIN_REQUIRED'
  | 'PLUGIN_SETUP_TIMEOUT';

const brand = Symbol.for('plugboard.PluginError');
/** The longest message a PluginError carries; its fields keep the full data. */
const MAX_MESSAGE = 2_000;
/** What ends a message that was cut to MAX_MESSAGE characters (counted in them). */
const CUT = "… (message cut; the error's fields hold it all)";

/**
 * The base of every error plugboard throws. `code` is stable; the message is for people.
 *
 * @example
 * try { resolver.resolve('deepsped'); }
 * catch (error) { if (PluginError.is(error) && error.code === 'PLUGIN_NOT_FOUND') console.log(error.suggestions); }
 */
export abstract class PluginError extends Error {
  abstract readonly code: PluginErrorCode;

  /** True for a plugboard error, also one thrown by another copy of the package. */
  static is(value: unknown): value is PluginError {
    return typeof value === 'object' && value !== null && brand in value;
  }

  constructor(message: string, options?: ErrorOptions) {
    super(boundedMessage(message), options);
    this.name = new.target.name;
  }
}

Object.defineProperty(PluginError.prototype, brand, { value: true });

/**
 * A message as plugboard shows it: control characters escaped (the pieces it quotes are already cut and
 * escaped; this is the net under them) and at most MAX_MESSAGE characters, the mark of a cut included.
 */
export function boundedMessage(message: string): string {
  const text = escapeControls(message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE + 1) : message, false);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - CUT.length)}${CUT}` : text;
}
