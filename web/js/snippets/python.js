// python.js — Python literals for the snippets, and the readers that take a value from an untrusted
// config or fall back to a default. Nothing but these literals carries config values into the text.

export const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const own = (o, k) => (isObj(o) && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** A number as a Python literal: full precision; non-finite values as float('...'). */
export function pyNum(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return "float('nan')";
  if (x === Infinity) return "float('inf')";
  if (x === -Infinity) return "float('-inf')";
  return String(x);
}

/** A string as a Python literal: single-quoted, only printable ASCII left as is. */
export function pyStr(s) {
  let out = "'";
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c <= 0xff) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

export const pyBool = (b) => (b ? 'True' : 'False');

export function num(v, dflt) { return typeof v === 'number' && Number.isFinite(v) ? v : dflt; }
export function int(v, dflt) { return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : dflt; }
export function bool(v, dflt) { return v === true || v === 1 ? true : v === false || v === 0 ? false : dflt; }
export function choice(v, list, dflt) { return typeof v === 'string' && list.includes(v) ? v : dflt; }
