import { describeValue } from './alias.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';

/** The longest delay a Node timer takes (2^31 - 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_SETUP_TIMEOUT_MS = 2_147_483_647;

/**
 * A `setupTimeoutMs` option: undefined (no limit), or a whole number of milliseconds from 1 to
 * MAX_SETUP_TIMEOUT_MS; anything else is a PluginRegistrationError naming `where`.
 */
export function readSetupTimeout(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SETUP_TIMEOUT_MS) {
    throw new PluginRegistrationError(
      `${where}: setupTimeoutMs must be a whole number of milliseconds from 1 to ${MAX_SETUP_TIMEOUT_MS}, ` +
        `got ${describeValue(value)}. Leave it out for no time limit.`,
    );
  }
  return value;
}
