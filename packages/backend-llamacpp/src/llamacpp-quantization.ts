/** GGUF quantization names as they appear in file names (`…-Q4_K_M.gguf`, `model.IQ4_XS.gguf`). */
const fileNamePattern =
  /(?:^|[-_.])(I?Q[1-8](?:_[0-9A-Z]+)*|T?Q[1-2]_0|MXFP4|BF16|FP16|FP32|F16|F32)(?=[-_.]|$)/gi;

/**
 * Reads the quantization from a GGUF file name or path (`Qwen2.5-7B-Instruct-Q4_K_M.gguf` →
 * `Q4_K_M`, split files `…-Q8_0-00001-of-00002.gguf` too). Returns `undefined` when the name
 * does not say (e.g. an `--alias`).
 *
 * @example
 * quantizationFromFileName('/models/llama-2-7b.Q5_K_S.gguf'); // → 'Q5_K_S'
 */
export function quantizationFromFileName(path: string | undefined): string | undefined {
  if (path === undefined || path === '') return undefined;
  const name = (path.split(/[\\/]/).pop() ?? path).replace(/\.gguf$/i, '').replace(/-\d{5}-of-\d{5}$/i, '');
  const matches = [...name.matchAll(fileNamePattern)];
  const last = matches.at(-1)?.[1];
  if (last === undefined) return undefined;
  const upper = last.toUpperCase();
  return upper === 'FP16' ? 'F16' : upper === 'FP32' ? 'F32' : upper;
}

const sizeSuffixes: Record<string, string> = { small: 'S', medium: 'M', large: 'L' };

/**
 * Normalises llama.cpp's human-readable file type (`/props` `model_ftype`, `/v1/models`
 * `meta.ftype`): `all F32` → `F32`, `Q4_K - Medium` → `Q4_K_M`, `IQ2_XXS - 2.0625 bpw` →
 * `IQ2_XXS`, `(guessed) all F32` → `F32`.
 *
 * @example
 * quantizationFromFtype('Q5_K - Small'); // → 'Q5_K_S'
 */
export function quantizationFromFtype(ftype: unknown): string | undefined {
  if (typeof ftype !== 'string') return undefined;
  const text = ftype
    .replace(/^\(guessed\)\s*/i, '')
    .replace(/^all\s+/i, '')
    .trim();
  const [name, ...rest] = text.split(/\s+-\s+|\s+/);
  if (name === undefined || name === '') return undefined;
  const size = sizeSuffixes[(rest[0] ?? '').toLowerCase()];
  return size !== undefined && name.endsWith('_K') ? `${name}_${size}` : name;
}
