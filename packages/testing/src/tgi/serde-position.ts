/**
 * Where serde_json reports an error in a body, as `line L column C` (1-based): the closing brace
 * of the top-level field `key` when given (a missing field inside it), else the body's last
 * closing brace (a missing top-level field). Used to word TGI's 422 deserialisation errors.
 *
 * @example
 * serdePosition('{"response_format":{"type":"json_object"}}', 'response_format') // 'line 1 column 41'
 */
export function serdePosition(raw: string, key?: string): string {
  const index = key === undefined ? raw.lastIndexOf('}') : endOfTopLevelValue(raw, key);
  const offset = index === undefined || index < 0 ? raw.length - 1 : index;
  const before = raw.slice(0, offset + 1);
  const line = before.split('\n').length;
  const column = offset + 1 - (before.lastIndexOf('\n') + 1);
  return `line ${line} column ${column}`;
}

function endOfTopLevelValue(raw: string, key: string): number | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = '';
  let currentKey: string | undefined;
  for (let index = 0; index < raw.length; index += 1) {
    const character = raw[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') {
        inString = false;
        lastString = raw.slice(stringStart + 1, index);
      }
      continue;
    }
    if (character === '"') {
      inString = true;
      stringStart = index;
    } else if (character === ':' && depth === 1) currentKey = lastString;
    else if (character === '{' || character === '[') depth += 1;
    else if (character === '}' || character === ']') {
      depth -= 1;
      if (depth === 1 && currentKey === key) return index;
    }
  }
  return undefined;
}
