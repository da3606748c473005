/** Adds `value` to the list `groups` holds under `key`, in linear time over many calls. */
export function groupPush<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}
