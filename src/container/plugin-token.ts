import type { ServiceIdentifier } from 'inversify';
import { assertKind } from '../registry/alias.js';

/**
 * The container token of a plugin kind. Every plugin of the kind is a named binding of it:
 *
 * @example
 * container.get(pluginToken('strategy'), { name: 'deepspeed_zero_3_offload' });
 */
export function pluginToken<T = unknown>(kind: string): ServiceIdentifier<T> {
  assertKind(kind);
  return Symbol.for(`plugboard.kind:${kind}`);
}
