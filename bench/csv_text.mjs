// csv_text.mjs — the benchmark's 20 000 x 64 CSV (plus a 10-class target column), from the
// LCG that bench/bench_csv.c uses: the same bytes for the native, Node and page numbers.
export const ROWS = 20000, FEATURES = 64;

export function csvText(rows = ROWS, features = FEATURES) {
  const parts = [];
  for (let j = 0; j < features; j++) parts.push(`f${j},`);
  parts.push('label\n');
  let x = 12345;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j <= features; j++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      if (j === features) { parts.push(`${(x >>> 8) % 10}\n`); break; }
      const k = ((x >>> 8) % 1999999) - 999999, a = Math.abs(k);
      parts.push(`${k < 0 ? '-' : ''}${Math.floor(a / 10000)}.${String(a % 10000).padStart(4, '0')},`);
    }
  }
  return new TextEncoder().encode(parts.join(''));
}

