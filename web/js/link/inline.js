// link/inline.js — a small CSV file carried in the link itself: one dedicated key,
// `data.inline`, whose value is the file compressed with deflate-raw (the browser's
// CompressionStream) and written in base64url (RFC 4648 §5, no padding).
//
// Bounds, on both sides: at most INLINE.maxCompressed bytes compressed (8 KiB, so the value is at
// most INLINE.maxChars characters), at most INLINE.maxBytes bytes once decompressed (reading stops
// there: a link cannot make the page inflate a bomb). The key is taken out of the fragment before
// the link codec (link.js) reads the rest, so the codec's own limits (256 characters a value) stay
// as they are. The link also carries data.sha256: the page checks the decompressed bytes against it.
//
//   encodeInline(bytes) -> Promise<string | null>   null when the file does not fit
//   decodeInline(text)  -> Promise<Uint8Array>       throws Error(one line) on anything wrong
//   takeInline(hash)    -> {hash, inline, notes}     the fragment without the key, and its value
//   withInline(fragment, inline)                     the fragment with the key (last)
//   takeShape(pairs)    -> {pairs, shape}            a csv link's recorded shape (data.rows,
//       data.columns, data.outputs) apart: facts about the file, which the core derives again
//       from the file and which cannot be set one by one without a file (link/config.js)

export const INLINE = Object.freeze({
  key: 'data.inline',
  maxCompressed: 8 * 1024,
  maxChars: Math.ceil((8 * 1024 * 4) / 3),   // 10 923
  maxBytes: 1024 * 1024,
});

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_RE = /^[A-Za-z0-9_-]*$/;

export function toBase64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (left > 1 ? B64[(n >> 6) & 63] : '') + (left > 2 ? B64[n & 63] : '');
  }
  return s;
}

/** base64url text -> bytes; throws on characters outside the alphabet or an impossible length. */
export function fromBase64url(text) {
  if (!B64_RE.test(text) || text.length % 4 === 1) throw new Error('data.inline: not base64url text');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0, acc = 0, bits = 0;
  for (let i = 0; i < text.length; i++) {
    acc = (acc << 6) | B64.indexOf(text[i]);
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
  }
  return out.subarray(0, o);
}

/** Reads a stream to its end, at most `max` bytes (throws past it). */
async function readAll(stream, max, tooMuch) {
  const reader = stream.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > max) { await reader.cancel().catch(() => {}); throw new Error(tooMuch); }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function streamOf(bytes) {
  return new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } });
}

/** The file as a link value, or null when it is larger than INLINE.maxBytes or compresses past 8 KiB. */
export async function encodeInline(bytes) {
  if (typeof CompressionStream !== 'function' || bytes.length > INLINE.maxBytes) return null;
  try {
    const z = await readAll(streamOf(bytes).pipeThrough(new CompressionStream('deflate-raw')),
      INLINE.maxCompressed, 'too large');
    return toBase64url(z);
  } catch { return null; }
}

/** The file from a link value; throws Error with one line when it cannot be read. */
export async function decodeInline(text) {
  if (typeof DecompressionStream !== 'function') throw new Error('data.inline: this browser cannot decompress (no DecompressionStream)');
  if (text.length > INLINE.maxChars) throw new Error(`data.inline: longer than ${INLINE.maxChars} characters`);
  const z = fromBase64url(text);
  try {
    return await readAll(streamOf(z).pipeThrough(new DecompressionStream('deflate-raw')),
      INLINE.maxBytes, `data.inline: more than ${INLINE.maxBytes >> 20} MiB once decompressed`);
  } catch (err) {
    if (/^data\.inline:/.test(err?.message)) throw err;
    throw new Error('data.inline: not deflate-raw data');
  }
}

/**
 * Takes the inline data out of a fragment ("#v=1&...&data.inline=..."): returns the fragment
 * without it (for link.js parseFragment), the value (or null) and notes about a value that
 * cannot be used. Never throws.
 */
export function takeInline(hash) {
  let s = typeof hash === 'string' ? hash : '';
  if (s.includes('#')) s = s.slice(s.indexOf('#') + 1);
  const notes = [];
  let inline = null;
  const rest = [];
  const prefix = `${INLINE.key}=`;
  for (const seg of s.split('&')) {
    if (!seg.startsWith(prefix)) { rest.push(seg); continue; }
    const v = seg.slice(prefix.length);
    if (v.length > INLINE.maxChars) notes.push(`${INLINE.key}: longer than ${INLINE.maxChars} characters; dropped`);
    else if (!B64_RE.test(v) || v.length === 0) notes.push(`${INLINE.key}: not base64url text; dropped`);
    else inline = v;
  }
  return { hash: `#${rest.join('&')}`, inline, notes };
}

export function withInline(fragment, inline) {
  return inline ? `${fragment}&${INLINE.key}=${inline}` : fragment;
}

const SHAPE_KEYS = ['data.rows', 'data.columns', 'data.outputs'];

export function takeShape(pairs) {
  const shape = {};
  const rest = [];
  for (const p of pairs) {
    if (SHAPE_KEYS.includes(p[0])) {
      const n = Number(p[1]);
      if (Number.isInteger(n) && n >= 0) shape[p[0].slice(5)] = n;
    } else rest.push(p);
  }
  return { pairs: rest, shape };
}
