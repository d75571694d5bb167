import type { GgmlType, GgufFileInfo, GgufFileType } from 'node-llama-cpp';

/** node-llama-cpp's enums, passed in so this file loads without the native package. */
export type GgufTypeNames = {
  readonly GgufFileType: Readonly<Record<number, string>> | typeof GgufFileType;
  readonly GgmlType: Readonly<Record<number, string>> | typeof GgmlType;
};

/**
 * The quantization of a GGUF model as Switchyard names it (`Q4_K_M`, `Q8_0`, `F16`, `F32`…):
 * from the file's `general.file_type` (`MOSTLY_Q4_K_M` → `Q4_K_M`, `ALL_F32` → `F32`), or, for
 * files that do not record it (stories260K), the tensor type holding most weights. Null when
 * neither is known.
 *
 * @example
 * quantizationOf(model.fileInfo, { GgufFileType, GgmlType }); // 'F32'
 */
export function quantizationOf(
  fileInfo: Pick<GgufFileInfo, 'metadata' | 'tensorInfo'>,
  names: GgufTypeNames,
): string | null {
  const fileType = fileInfo.metadata.general?.file_type;
  if (typeof fileType === 'number') {
    const name = (names.GgufFileType as Record<number, string>)[fileType];
    if (name !== undefined) return name.replace(/^(MOSTLY|ALL)_/, '');
  }
  const elementsByType = new Map<number, number>();
  for (const tensor of fileInfo.tensorInfo ?? []) {
    if (tensor.dimensions.length < 2) continue; // norms and biases stay F32 in every quantization
    const elements = tensor.dimensions.reduce<number>((product, size) => product * Number(size), 1);
    elementsByType.set(tensor.ggmlType, (elementsByType.get(tensor.ggmlType) ?? 0) + elements);
  }
  let dominant: number | undefined;
  for (const [type, elements] of elementsByType) {
    if (dominant === undefined || elements > (elementsByType.get(dominant) ?? 0)) dominant = type;
  }
  if (dominant === undefined) return null;
  return (names.GgmlType as Record<number, string>)[dominant] ?? null;
}
