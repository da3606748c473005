/** True if `target` carries reflect-metadata under `key` (set by a container's @inject decorators). */
export function hasOwnMetadata(target: object, key: string): boolean {
  const reader = Reflect as { getOwnMetadata?: (key: unknown, target: object) => unknown };
  return reader.getOwnMetadata?.(key, target) !== undefined;
}
