import { createHash } from 'node:crypto';
import type { EmulatorModel } from '../emulator/emulator.js';

const modifiedAt = '2026-09-01T10:00:00.000000000Z';

const fileTypes: Readonly<Record<string, number>> = {
  F32: 0,
  F16: 1,
  Q4_0: 2,
  Q4_1: 3,
  Q8_0: 7,
  Q5_0: 8,
  Q5_1: 9,
  Q2_K: 10,
  Q3_K_S: 11,
  Q3_K_M: 12,
  Q3_K_L: 13,
  Q4_K_S: 14,
  Q4_K_M: 15,
  Q5_K_S: 16,
  Q5_K_M: 17,
  Q6_K: 18,
  BF16: 32,
};

/**
 * `details` of a model (`/api/tags`, `/api/ps`, `/api/show`): the quantization source of truth.
 *
 * @example
 * ollamaDetails({ id: 'llama3.1:8b' }).quantization_level // 'Q4_K_M'
 */
export function ollamaDetails(model: EmulatorModel) {
  const family = model.family ?? 'llama';
  return {
    parent_model: '',
    format: 'gguf',
    family,
    families: [family],
    parameter_size: model.parameterSize ?? '8.0B',
    quantization_level: model.quantization ?? 'Q4_K_M',
  };
}

/**
 * One entry of `GET /api/tags`.
 *
 * @example
 * exchange.json(200, { models: models.map(ollamaTagEntry) });
 */
export function ollamaTagEntry(model: EmulatorModel) {
  return {
    name: model.id,
    model: model.id,
    modified_at: modifiedAt,
    size: model.sizeBytes ?? 4_920_753_328,
    digest: digestOf(model.id),
    details: ollamaDetails(model),
  };
}

/**
 * One entry of `GET /api/ps` for a loaded model (fully on GPU: `size_vram` = `size`).
 *
 * @example
 * ollamaProcessEntry(model, '2026-11-22T10:05:00.000Z', 4096)
 */
export function ollamaProcessEntry(model: EmulatorModel, expiresAt: string, contextLength: number) {
  const size = model.sizeBytes ?? 4_920_753_328;
  return {
    name: model.id,
    model: model.id,
    size,
    digest: digestOf(model.id),
    details: ollamaDetails(model),
    expires_at: expiresAt,
    size_vram: size,
    context_length: contextLength,
  };
}

/**
 * `POST /api/show` for a model: details, GGUF `model_info` (`general.file_type` from the
 * quantization, `<family>.context_length` = `trainedContext`), capabilities.
 *
 * @example
 * ollamaShow(model, 131072).model_info['general.file_type'] // 15 for Q4_K_M
 */
export function ollamaShow(model: EmulatorModel, trainedContext: number) {
  const details = ollamaDetails(model);
  const parameters = Number.parseFloat(details.parameter_size) * 1e9;
  return {
    license: '',
    modelfile: `FROM ${model.id}\n`,
    parameters: 'stop "<|eot_id|>"',
    template: '{{ .Prompt }}',
    details,
    model_info: {
      'general.architecture': details.family,
      'general.file_type': fileTypes[details.quantization_level] ?? 15,
      'general.parameter_count': Number.isFinite(parameters) ? Math.round(parameters) : 8_030_261_248,
      'general.quantization_version': 2,
      [`${details.family}.context_length`]: trainedContext,
    },
    capabilities: model.capabilities ?? ['completion', 'tools'],
    modified_at: modifiedAt,
  };
}

function digestOf(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
