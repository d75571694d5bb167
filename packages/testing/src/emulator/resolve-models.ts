import type { EmulatorModel } from './emulator.js';

/**
 * The models an emulator serves: the configured list (strings become `{ id }`), else the
 * backend's defaults, whose context windows `contextWindow` replaces when given. Throws on an
 * empty list or duplicate ids.
 *
 * @example
 * resolveModels(['gpt-4o-mini'], defaults) // [{ id: 'gpt-4o-mini' }]
 */
export function resolveModels(
  configured: readonly (string | EmulatorModel)[] | undefined,
  defaults: readonly EmulatorModel[],
  contextWindow?: number,
): EmulatorModel[] {
  const fallback =
    contextWindow === undefined ? defaults : defaults.map((model) => ({ ...model, contextWindow }));
  const models = (configured ?? fallback).map((model) => (typeof model === 'string' ? { id: model } : model));
  if (models.length === 0) throw new Error('an emulator needs at least one model (options.models is empty)');
  const seen = new Set<string>();
  for (const model of models) {
    if (seen.has(model.id)) throw new Error(`model '${model.id}' is listed twice in options.models`);
    seen.add(model.id);
  }
  return models;
}
