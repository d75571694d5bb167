import { GgmlType, GgufFileType } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { quantizationOf } from './gguf-quantization.js';

const names = { GgufFileType, GgmlType };

function tensor(ggmlType: GgmlType, dimensions: number[]) {
  return { name: 't', dimensions, ggmlType, offset: 0, fileOffset: 0, filePart: 0 };
}

describe('quantizationOf', () => {
  it.each([
    { name: 'ALL_F32', fileType: GgufFileType.ALL_F32, expected: 'F32' },
    { name: 'MOSTLY_Q4_K_M', fileType: GgufFileType.MOSTLY_Q4_K_M, expected: 'Q4_K_M' },
    { name: 'MOSTLY_Q8_0', fileType: GgufFileType.MOSTLY_Q8_0, expected: 'Q8_0' },
    { name: 'MOSTLY_BF16', fileType: GgufFileType.MOSTLY_BF16, expected: 'BF16' },
  ])('names general.file_type $name', ({ fileType, expected }) => {
    const fileInfo = { metadata: { general: { architecture: 'llama', file_type: fileType } } };
    expect(quantizationOf(fileInfo as never, names)).toBe(expected);
  });

  it('guesses from the tensor type holding most weights when file_type is absent', () => {
    const fileInfo = {
      metadata: { general: { architecture: 'llama' } },
      tensorInfo: [
        tensor(GgmlType.F32, [4096]), // a norm vector: not counted
        tensor(GgmlType.F32, [4096]),
        tensor(GgmlType.Q6_K, [4096, 100]),
        tensor(GgmlType.Q4_K, [4096, 4096]),
        tensor(GgmlType.Q4_K, [4096, 4096]),
      ],
    };
    expect(quantizationOf(fileInfo as never, names)).toBe('Q4_K');
  });

  it('returns null when nothing tells', () => {
    expect(quantizationOf({ metadata: { general: { architecture: 'llama' } } } as never, names)).toBeNull();
  });
});
