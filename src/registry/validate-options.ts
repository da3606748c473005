import { suggestAliases } from './suggest.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import { InvalidPluginOptionsError, type PluginOptionsIssue } from '../errors/invalid-plugin-options-error.js';
import { isPlainObject } from '../internal/options.js';
import { quoteList } from '../internal/quote.js';

/** What a registration says about the options its plugin takes. */
export interface OptionRules {
  readonly schema: StandardSchemaV1 | undefined;
  readonly optionKeys: readonly string[] | undefined;
}

/**
 * Checks `options` against the declared keys and the schema, reporting every problem with its path.
 * Returns the schema's output (with its defaults and transforms), or the options as they are.
 */
export function validateOptions(alias: string, options: unknown, rules: OptionRules): unknown {
  const issues: PluginOptionsIssue[] = [];
  if (rules.optionKeys && isPlainObject(options)) {
    for (const key of Object.keys(options)) {
      if (rules.optionKeys.includes(key)) continue;
      const close = suggestAliases(key, rules.optionKeys);
      const hint = close.length > 0 ? ` Did you mean ${quoteList(close, 'or')}?` : '';
      issues.push({
        path: [key],
        message: `unknown option.${hint} Known options: ${rules.optionKeys.join(', ') || '(none)'}.`,
      });
    }
  }
  if (!rules.schema) {
    if (issues.length > 0) throw new InvalidPluginOptionsError(alias, issues);
    return options;
  }
  const result = rules.schema['~standard'].validate(options ?? {});
  if (result instanceof Promise) {
    throw new InvalidPluginOptionsError(alias, [
      { path: [], message: 'the schema validates asynchronously; plugboard builds plugins synchronously' },
    ]);
  }
  for (const issue of result.issues ?? []) {
    issues.push({ path: (issue.path ?? []).map((s) => (typeof s === 'object' ? s.key : s)), message: issue.message });
  }
  if (issues.length > 0 || result.issues) throw new InvalidPluginOptionsError(alias, issues);
  return result.value;
}
