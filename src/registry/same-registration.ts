import type { RegisteredPlugin } from './registered-plugin.js';
import { sameDependencies } from './same-dependencies.js';
import { optionsEqual } from '../internal/options.js';

/**
 * True if `other` is `first` made again: the same class (or a re-evaluated copy of it from the same
 * place, as after a jest module reset) with the same alias, kind, texts and options.
 */
export function sameRegistration(first: RegisteredPlugin, other: RegisteredPlugin): boolean {
  if (first.lazy || other.lazy) return false;
  const sameClass =
    first.target === other.target ||
    (first.className !== undefined &&
      first.className === other.className &&
      first.source !== undefined &&
      first.source === other.source);
  return (
    sameClass &&
    first.alias === other.alias &&
    first.kind === other.kind &&
    first.scope === other.scope &&
    first.setupTimeoutMs === other.setupTimeoutMs &&
    first.description === other.description &&
    first.recommendedWhen === other.recommendedWhen &&
    optionsEqual(first.params, other.params) &&
    sameDependencies(first.inject, other.inject)
  );
}
