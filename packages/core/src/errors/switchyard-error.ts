const marker = Symbol.for('switchyard.error');

/**
 * Base class of every error Switchyard throws. `isInstance` checks a marker symbol instead of the
 * prototype chain, so it works across two installed copies of the package.
 *
 * @example
 * try { router.route(request); } catch (error) {
 *   if (NoRouteError.isInstance(error)) console.log(error.rejections);
 * }
 */
export class SwitchyardError extends Error {
  protected readonly [marker] = true;

  constructor(options: { name: string; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = options.name;
  }

  /** True for any Switchyard error, whichever copy of the package made it. */
  static hasMarker(error: unknown, symbol: symbol = marker): boolean {
    return typeof error === 'object' && error !== null && symbol in error;
  }
}

/**
 * Declares the per-class marker for a subclass, so `Subclass.isInstance(x)` survives duplicates.
 *
 * @example
 * const marker = errorMarker('NoRouteError');
 */
export function errorMarker(name: string): symbol {
  return Symbol.for(`switchyard.error.${name}`);
}
