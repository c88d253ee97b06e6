// json-strict.js — the one input rule, on the raw bytes, before JSON.parse sees them: strict
// RFC 8259 JSON in UTF-8 (no BOM, no leading zeros, no "1.", no trailing data, no raw control
// characters, no lone surrogates, no invalid UTF-8), no duplicate keys, every key a field name,
// no \u0000, bounded number length, bounded nesting, list length and value count.
// cli/json_strict.c is the same checker for the native CLI: the same checks in the same order
// and the same messages, so both runners report the same first problem in the same words.
// The limits are cli/limits.h's, through the generated schema module (INPUT_LIMITS).

import { INPUT_LIMITS as IN } from './schema.gen.js';

export const { MAX_BYTES, MAX_DEPTH, MAX_NUMBER, MAX_KEY } = IN;
/** Experiment configs: every list of a config is short (model.hidden, milestones, runs). */
export const CONFIG_LIMITS = Object.freeze({ maxItems: IN.CONFIG_MAX_ITEMS, maxValues: IN.CONFIG_MAX_VALUES });
/** Specs carry data (params, grads, metrics, x, y): one budget for the whole text. */
export const SPEC_LIMITS = Object.freeze({ maxItems: IN.SPEC_MAX_ITEMS, maxValues: IN.SPEC_MAX_VALUES });

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The first 64 characters of a name as a JSON string literal ("abc..." when cut). */
export function quoteName(name) {
  const chars = [...name];
  const q = JSON.stringify(chars.slice(0, 64).join(''));
  return chars.length > 64 ? `${q.slice(0, -1)}..."` : q;
}

/** A message on one line: control characters escaped as JSON escapes them (as the native CLI prints). */
export function oneLine(msg) {
  return String(msg).replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

class Bad extends Error {}

const isDigit = (c) => c >= 0x30 && c <= 0x39;
const nameOk = (k) => k.length >= 1 && k.length <= MAX_KEY && /^[A-Za-z0-9_.]+$/.test(k);

/** Length of the UTF-8 sequence at s[i]: 1-4, or 0 if not valid UTF-8 (overlong, surrogate, > U+10FFFF, cut short). */
function utf8Len(s, i) {
  const c = s[i];
  if (c < 0x80) return 1;
  const len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len === 0 || s.length - i < len) return 0;
  let lo = 0x80, hi = 0xBF;
  if (c === 0xE0) lo = 0xA0;
  else if (c === 0xED) hi = 0x9F;
  else if (c === 0xF0) lo = 0x90;
  else if (c === 0xF4) hi = 0x8F;
  if (s[i + 1] < lo || s[i + 1] > hi) return 0;
  for (let k = 2; k < len; k++) if (s[i + k] < 0x80 || s[i + k] > 0xBF) return 0;
  return len;
}

function hex4(s, i) {
  if (s.length - i < 4) return -1;
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const c = s[i + k];
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * null when `bytes` (a Uint8Array) obeys the rule within `limits`; else the one-line problem,
 * e.g. "not valid JSON at byte 7: a leading zero" or 'duplicate key "lr" in optimizer, at byte 30'.
 */
export function checkStrict(bytes, limits = CONFIG_LIMITS) {
  const s = bytes;
  const n = s.length;
  let i = 0, values = 0;
  const stack = [];   // {kind, items, keys: [{name, pos}] } — keys of objects, in text order
  const bad = (at, why) => { throw new Bad(`not valid JSON at byte ${at}: ${why}`); };
  const say = (msg) => { throw new Bad(msg); };
  const ws = () => { while (i < n && (s[i] === 0x20 || s[i] === 0x09 || s[i] === 0x0A || s[i] === 0x0D)) i++; };
  // The path to the container on top of the stack (its last four steps when deeper).
  const pathOf = () => {
    const top = stack.length - 1, first = top > 4 ? top - 4 : 0;
    let out = first > 0 ? '...' : '';
    for (let f = first; f < top; f++) {
      const fr = stack[f];
      if (fr.kind === '[') out += `[${fr.items - 1}]`;
      else out += (out ? '.' : '') + fr.keys[fr.keys.length - 1].name;
    }
    return out;
  };

  function string(key) {
    const out = key ? [] : null;
    i++;
    for (;;) {
      if (i >= n) bad(i, 'unexpected end of input');
      const c = s[i];
      if (c === 0x22) { i++; return out; }
      if (c < 0x20) bad(i, 'a control character in a string');
      if (c !== 0x5C) {
        const len = utf8Len(s, i);
        if (len === 0) bad(i, 'invalid UTF-8');
        if (key) for (let k = 0; k < len; k++) out.push(s[i + k]);
        i += len;
        continue;
      }
      if (i + 1 >= n) bad(i, 'unexpected end of input');
      const e = s[i + 1];
      const one = { 0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 8, 0x66: 12, 0x6E: 10, 0x72: 13, 0x74: 9 }[e];
      if (one !== undefined) {
        if (key) out.push(one);
        i += 2;
        continue;
      }
      if (e !== 0x75) bad(i, 'an invalid escape');
      let cp = hex4(s, i + 2), used = 6;
      if (cp < 0) bad(i, 'an invalid \\u escape');
      if (cp >= 0xDC00 && cp <= 0xDFFF) bad(i, 'a lone surrogate escape');
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        const lo = i + 7 < n && s[i + 6] === 0x5C && s[i + 7] === 0x75 ? hex4(s, i + 8) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF) bad(i, 'a lone surrogate escape');
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        used = 12;
      }
      if (cp === 0) bad(i, '\\u0000 in a string');
      if (key) out.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
      i += used;
    }
  }

  function digits() {
    const i0 = i;
    while (i < n && isDigit(s[i])) i++;
    return i > i0;
  }

  function number() {
    const at = i;
    if (s[i] === 0x2D) i++;
    if (i < n && s[i] === 0x30 && i + 1 < n && isDigit(s[i + 1])) bad(at, 'a leading zero');
    if (!digits()) bad(at, 'a malformed number');
    if (i < n && s[i] === 0x2E) { i++; if (!digits()) bad(at, 'a malformed number'); }
    if (i < n && (s[i] === 0x65 || s[i] === 0x45)) {
      i++;
      if (i < n && (s[i] === 0x2B || s[i] === 0x2D)) i++;
      if (!digits()) bad(at, 'a malformed number');
    }
    if (i - at > MAX_NUMBER) bad(at, `a number longer than ${MAX_NUMBER} characters`);
  }

  function literal(word) {
    for (let k = 0; k < word.length; k++) if (i + k >= n || s[i + k] !== word.charCodeAt(k)) bad(i, 'unexpected character');
    i += word.length;
  }

  function open(kind) {
    if (stack.length === MAX_DEPTH) say(`JSON nested deeper than ${MAX_DEPTH} levels, at byte ${i}`);
    const f = { kind, items: 0, keys: [] };
    stack.push(f);
    i++;
    ws();
    return f;
  }

  // After a member or an element: true if more follow, false at the closing bracket.
  function next(close) {
    ws();
    if (i >= n) bad(i, 'unexpected end of input');
    if (s[i] === 0x2C) { i++; return true; }
    if (s[i] === close.charCodeAt(0)) { i++; return false; }
    bad(i, close === '}' ? "expected ',' or '}'" : "expected ',' or ']'");
  }

  function object() {
    const f = open('{');
    let more = true;
    if (i < n && s[i] === 0x7D) { i++; more = false; }
    while (more) {
      ws();
      if (i >= n) bad(i, 'unexpected end of input');
      if (s[i] !== 0x22) bad(i, 'expected a string key');
      const pos = i;
      const name = utf8.decode(Uint8Array.from(string(true)));
      if (!nameOk(name)) {
        const where = pathOf();
        say(`${where}${where ? '.' : ''}${quoteName(name)}: not a field name, at byte ${pos}`);
      }
      f.keys.push({ name, pos });
      f.items++;
      ws();
      if (i >= n) bad(i, 'unexpected end of input');
      if (s[i] !== 0x3A) bad(i, "expected ':'");
      i++;
      value();
      more = next('}');
    }
    // The first key (in text order) that repeats an earlier one of this object.
    const seen = new Set();
    for (const k of f.keys) {
      if (seen.has(k.name)) {
        const where = pathOf();
        say(`duplicate key ${quoteName(k.name)} in ${where || 'the top-level object'}, at byte ${k.pos}`);
      }
      seen.add(k.name);
    }
    stack.pop();
  }

  function array() {
    const f = open('[');
    let more = true;
    if (i < n && s[i] === 0x5D) { i++; more = false; }
    while (more) {
      ws();
      if (++f.items > limits.maxItems) say(`${pathOf() || 'the top level'}: more than ${limits.maxItems} values in a list, at byte ${i}`);
      value();
      more = next(']');
    }
    stack.pop();
  }

  function value() {
    ws();
    if (i >= n) bad(i, 'unexpected end of input');
    if (++values > limits.maxValues) say(`more than ${limits.maxValues} values, at byte ${i}`);
    const c = s[i];
    if (c === 0x7B) return object();
    if (c === 0x5B) return array();
    if (c === 0x22) return string(false);
    if (c === 0x2D || isDigit(c)) return number();
    if (c === 0x74) return literal('true');
    if (c === 0x66) return literal('false');
    if (c === 0x6E) return literal('null');
    bad(i, 'unexpected character');
  }

  try {
    if (n >= 3 && s[0] === 0xEF && s[1] === 0xBB && s[2] === 0xBF) bad(0, 'a byte order mark');
    value();
    ws();
    if (i < n) bad(i, 'trailing data after the value');
    return null;
  } catch (e) {
    if (e instanceof Bad) return e.message;
    throw e;
  }
}

/**
 * The JSON value of `bytes` (a Uint8Array) if it obeys the rule; else throws an Error whose
 * message is `${name}: ${problem}` (name: the file, '-' for stdin), as the native CLI words it.
 */
export function parseStrict(bytes, limits = CONFIG_LIMITS, name = '-') {
  if (bytes.length > MAX_BYTES) throw new Error(`${name}: larger than ${MAX_BYTES >> 20} MiB`);
  const problem = checkStrict(bytes, limits);
  if (problem !== null) throw new Error(`${name}: ${problem}`);
  return JSON.parse(utf8.decode(bytes));
}
