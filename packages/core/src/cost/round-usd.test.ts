import { describe, expect, test } from 'vitest';
import { roundUsd } from './round-usd.js';

describe('roundUsd', () => {
  test.each([
    [0.1 + 0.2, 0.3],
    [0.007500000000000001, 0.0075],
    [1.23456789012345, 1.2345678901],
    [0, 0],
  ])('%d → %d', (value, expected) => {
    expect(roundUsd(value)).toBe(expected);
  });
});
