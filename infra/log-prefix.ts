// Distinct, readable ANSI colours (cyan, magenta, yellow, green, blue, red, grey…), cycled by name.
const COLOURS = [36, 35, 33, 32, 34, 31, 90, 96, 95] as const;

/**
 * Returns a factory of per-process line printers: `municipalities | <line>`, names padded to one
 * width so the columns line up, coloured only when the output is a terminal.
 */
export function linePrinter(names: readonly string[], color: boolean, write: (line: string) => void): (name: string) => (line: string) => void {
  const width = Math.max(...names.map((name) => name.length));
  return (name: string) => {
    const index = names.indexOf(name);
    const padded = name.padEnd(width);
    const label = color ? `\u001b[${COLOURS[Math.max(index, 0) % COLOURS.length] ?? 0}m${padded} |\u001b[0m` : `${padded} |`;
    return (line: string) => write(`${label} ${line}`);
  };
}
