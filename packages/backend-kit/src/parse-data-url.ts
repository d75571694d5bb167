/** A `data:` URL split into its media type and payload. */
export type DataUrl = {
  /** e.g. `image/png`; `text/plain` when the URL names none (RFC 2397). */
  readonly mediaType: string;
  /** Whether the payload is base64 (`;base64`); otherwise it is percent-encoded text. */
  readonly base64: boolean;
  /** The payload after the comma, as written. */
  readonly data: string;
};

const dataUrlPattern = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/is;

/**
 * Splits a `data:` URL (`data:image/png;base64,iVBOR…`). Returns `undefined` for anything else
 * (an `https:` URL, a malformed data URL).
 *
 * @example
 * parseDataUrl('data:image/png;base64,iVBORw0KGgo='); // → { mediaType: 'image/png', base64: true, data: 'iVBORw0KGgo=' }
 */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = dataUrlPattern.exec(url.trim());
  if (match === null) return undefined;
  const parameters = (match[2] ?? '').split(';').map((parameter) => parameter.trim().toLowerCase());
  return {
    mediaType: (match[1] ?? '').trim().toLowerCase() || 'text/plain',
    base64: parameters.includes('base64'),
    data: match[3] ?? '',
  };
}

/**
 * A base64 image data URL with a payload (`data:image/png;base64,iVBOR…`), the only inline image
 * form the native APIs take; `undefined` for anything else (a remote URL, a text data URL, an
 * empty payload).
 *
 * @example
 * parseImageDataUrl('data:image/jpeg;base64,/9j/4AAQ'); // → { mediaType: 'image/jpeg', base64: true, data: '/9j/4AAQ' }
 * parseImageDataUrl('data:text/plain,hello'); // → undefined
 */
export function parseImageDataUrl(url: string): DataUrl | undefined {
  const parsed = parseDataUrl(url);
  if (
    parsed === undefined ||
    !parsed.base64 ||
    !parsed.mediaType.startsWith('image/') ||
    parsed.data === ''
  ) {
    return undefined;
  }
  return parsed;
}
