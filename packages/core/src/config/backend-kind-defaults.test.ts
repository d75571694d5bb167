import { describe, expect, test } from 'vitest';
import { localityOfUrl } from './backend-kind-defaults.js';

describe('localityOfUrl', () => {
  test.each([
    ['http://127.0.0.1:8080', 'local'],
    ['http://localhost:1234/v1', 'local'],
    ['http://[::1]:8000', 'local'],
    ['http://10.1.2.3:8000/v1', 'local'],
    ['http://172.16.0.5:8000', 'local'],
    ['http://172.31.255.1:8000', 'local'],
    ['http://192.168.1.20:11434', 'local'],
    ['http://169.254.10.10', 'local'],
    ['http://[fd12:3456::1]:8000', 'local'],
    ['http://gpu-box:8000/v1', 'local'],
    ['http://inference.internal/v1', 'local'],
    ['http://studio.local:1234/v1', 'local'],
    ['http://172.32.0.1:8000', 'cloud'],
    ['http://8.8.8.8', 'cloud'],
    ['https://api.together.xyz/v1', 'cloud'],
    ['https://api.groq.com/openai/v1', 'cloud'],
    ['http://[2001:db8::1]:8000', 'cloud'],
    ['not a url', 'cloud'],
  ])('%s → %s', (url, locality) => {
    expect(localityOfUrl(url)).toBe(locality);
  });
});
