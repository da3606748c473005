/**
 * The token under which a plugin class can `@inject` its variant's options when it also takes other
 * dependencies (a class whose only constructor argument is its options needs no decorator at all).
 *
 * @example
 * \@injectable()
 * class DdpStrategy {
 *   constructor(@inject(PLUGIN_OPTIONS) readonly options: DdpOptions, @inject(Logger) readonly logger: Logger) {}
 * }
 */
export const PLUGIN_OPTIONS: unique symbol = Symbol.for('plugboard.PLUGIN_OPTIONS');
