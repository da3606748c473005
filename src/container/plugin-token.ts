import type { ServiceIdentifier } from 'inversify';
import { assertKind } from '../registry/alias.js';

/**
 * The container token of a plugin kind. Every plugin of the kind is a named binding of it:
 *
 * @example
 * container.get(pluginToken('strategy'), { name: 'deepspeed_zero_3_offload' });
 */
export function pluginToken<T = unknown>(kind: string): ServiceIdentifier<T> {
  let token = tokens.get(kind);
  if (token === undefined) {
    assertKind(kind);
    token = Symbol.for(`plugboard.kind:${kind}`);
    tokens.set(kind, token);
  }
  return token;
}

const tokens = new Map<string, symbol>();
