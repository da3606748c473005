import { normalizeAlias } from './alias.js';
import type { PluginEntry } from './plugin-entry.js';

/** One line per plugin, as the RFC prints them: `alias: description, recommended when: ...`. */
export function formatListingLine(entry: PluginEntry, withDescriptions: boolean, withRecommendations: boolean): string {
  const parts: string[] = [];
  if (withDescriptions && entry.description) parts.push(entry.description);
  if (withRecommendations && entry.recommendedWhen) parts.push(`recommended when: ${entry.recommendedWhen}`);
  return parts.length === 0 ? entry.alias : `${entry.alias}: ${parts.join(', ')}`;
}

/** The listing for people: plugins grouped by kind, aliases aligned, each kind's default marked. */
export function formatListing(
  entries: readonly PluginEntry[],
  defaultOf: (kind: string) => string | undefined = () => undefined,
): string {
  if (entries.length === 0) return 'No plugins registered.';
  const width = Math.max(...entries.map((entry) => entry.alias.length));
  const kinds = [...new Set(entries.map((entry) => entry.kind))].sort();
  const lines = [`${String(entries.length)} plugin${entries.length === 1 ? '' : 's'}`];
  for (const kind of kinds) {
    lines.push(`${kind}:`);
    const fallback = defaultOf(kind);
    for (const entry of entries.filter((e) => e.kind === kind)) {
      const isDefault = fallback !== undefined && normalizeAlias(fallback) === normalizeAlias(entry.alias);
      const texts = [
        isDefault ? '(default)' : undefined,
        entry.description,
        entry.recommendedWhen && `recommended when: ${entry.recommendedWhen}`,
      ];
      const text = texts.filter(Boolean).join('; ');
      lines.push(`  ${text ? `${entry.alias.padEnd(width)}  ${text}` : entry.alias}`);
    }
  }
  return lines.join('\n');
}
