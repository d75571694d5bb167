/** Line width of the repository's formatter (Biome), which the weights file follows. */
const LINE_WIDTH = 110;

/**
 * Lays out one array of numbers the way the repository's formatter does: on the key's line when
 * it fits, else filled, as many numbers per line as fit, one indent deeper.
 */
function fillNumbers(indent: string, key: string, numbers: readonly string[]): string {
  const inline = `${indent}${key}[${numbers.join(', ')}]`;
  if (inline.length + 1 <= LINE_WIDTH) return inline;
  const inner = `${indent}  `;
  const lines: string[] = [];
  let line = '';
  numbers.forEach((number, index) => {
    const piece = index < numbers.length - 1 ? `${number},` : number;
    const candidate = line === '' ? `${inner}${piece}` : `${line} ${piece}`;
    if (line !== '' && candidate.length > LINE_WIDTH) {
      lines.push(line);
      line = `${inner}${piece}`;
    } else line = candidate;
  });
  lines.push(line);
  return `${indent}${key}[\n${lines.join('\n')}\n${indent}]`;
}

/**
 * A weights file as text: indented JSON whose long number arrays are filled to the line width,
 * exactly as the repository's formatter (Biome) writes it, so a freshly tuned file passes
 * `npm run lint` and diffs stay readable.
 *
 * @example
 * writeFileSync('scorer/difficulty-scorer.json', formatWeightsJson(weights));
 */
export function formatWeightsJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(
    /^( *)("[^"\n]*": )?\[\n((?: *-?\d[\d.eE+-]*,?\n)+) *\]/gm,
    (_match, indent: string, key: string | undefined, body: string) =>
      fillNumbers(
        indent,
        key ?? '',
        body
          .split('\n')
          .map((line) => line.trim().replace(/,$/, ''))
          .filter((line) => line !== ''),
      ),
  )}\n`;
}
