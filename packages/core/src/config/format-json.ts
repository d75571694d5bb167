/**
 * Pretty-prints JSON the way the repository's formatter (Biome) lays it out: two-space indent,
 * objects one key per line, arrays of scalars on one line when they fit in `lineWidth`, so a
 * generated file passes `biome check` unchanged.
 *
 * @example
 * formatJson({ enum: ['local', 'cloud'] }) // '{\n  "enum": ["local", "cloud"]\n}\n'
 */
export function formatJson(value: unknown, lineWidth = 110): string {
  return `${formatValue(value, 0, 0, lineWidth)}\n`;
}

function formatValue(value: unknown, indent: number, prefixWidth: number, lineWidth: number): string {
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => formatValue(item, indent + 2, 0, lineWidth));
    const inline = `[${items.join(', ')}]`;
    const scalars = value.every((item) => typeof item !== 'object' || item === null);
    // `prefixWidth` covers the indent and the key in front; +1 for a trailing comma.
    if (scalars && prefixWidth + inline.length + 1 <= lineWidth) return inline;
    return `[\n${items.map((item) => `${pad}${item}`).join(',\n')}\n${' '.repeat(indent)}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([key, item]) => {
      const head = `${pad}${JSON.stringify(key)}: `;
      return `${head}${formatValue(item, indent + 2, head.length, lineWidth)}`;
    });
    return `{\n${lines.join(',\n')}\n${' '.repeat(indent)}}`;
  }
  return JSON.stringify(value);
}
