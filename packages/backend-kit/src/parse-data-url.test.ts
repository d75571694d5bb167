import { describe, expect, it } from 'vitest';
import { type DataUrl, parseDataUrl, parseImageDataUrl } from './parse-data-url.js';

describe('parseDataUrl', () => {
  it.each<[string, DataUrl | undefined]>([
    ['data:image/png;base64,iVBORw0KGgo=', { mediaType: 'image/png', base64: true, data: 'iVBORw0KGgo=' }],
    ['  DATA:Image/JPEG;BASE64,/9j/  ', { mediaType: 'image/jpeg', base64: true, data: '/9j/' }],
    ['data:,hello%20world', { mediaType: 'text/plain', base64: false, data: 'hello%20world' }],
    [
      'data:application/pdf;name=a.pdf;base64,JVBERi0=',
      { mediaType: 'application/pdf', base64: true, data: 'JVBERi0=' },
    ],
    ['data:text/plain;charset=utf-8,a,b', { mediaType: 'text/plain', base64: false, data: 'a,b' }],
    ['data:image/png;base64,', { mediaType: 'image/png', base64: true, data: '' }],
    ['https://example.com/cat.png', undefined],
    ['data:image/png;base64', undefined],
    ['', undefined],
  ])('%j', (url, expected) => {
    expect(parseDataUrl(url)).toEqual(expected);
  });
});

describe('parseImageDataUrl', () => {
  it.each<[string, string | undefined]>([
    ['data:image/webp;base64,UklGRg==', 'UklGRg=='],
    ['data:image/png,rawbytes', undefined],
    ['data:application/pdf;base64,JVBERi0=', undefined],
    ['data:image/png;base64,', undefined],
    ['http://example.com/a.png', undefined],
  ])('%j', (url, data) => {
    expect(parseImageDataUrl(url)?.data).toBe(data);
  });
});
