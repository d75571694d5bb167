import { describe, expect, it } from 'vitest';
import { formatWeightsJson } from './format-weights-json.js';

describe('formatWeightsJson', () => {
  it('keeps short number arrays on one line and objects expanded', () => {
    expect(formatWeightsJson({ bias: -0.5, indices: [1, 2, 3], features: { hashBits: 18 } })).toBe(
      '{\n  "bias": -0.5,\n  "indices": [1, 2, 3],\n  "features": {\n    "hashBits": 18\n  }\n}\n',
    );
  });

  it('fills long number arrays to the line width, one indent deeper', () => {
    const values = Array.from({ length: 60 }, (_, index) => -0.012345 * (index + 1));
    const text = formatWeightsJson({ values });
    const lines = text.split('\n');
    expect(lines[1]).toBe('  "values": [');
    expect(lines.slice(2, -3).every((line) => line.startsWith('    -0.') && line.length <= 110)).toBe(true);
    expect(lines.slice(2, -4).every((line) => line.endsWith(','))).toBe(true);
    expect(lines.at(-3)?.endsWith(',')).toBe(false);
    expect(JSON.parse(text)).toEqual({ values });
  });
});
