// link.js — experiments as links: the URL fragment codec. Pure JavaScript, no DOM.
//
// Format (link format version 1):
//
//   #v=1&data.name=spiral&optimizer.lr=0.003&runs.2.schedule.factor=0.5&embed=1&hide=find,setup&autorun=1
//
// - The fragment is `key=value` pairs joined by `&`. `v` (the link format version) comes first.
// - Config keys are the dotted paths of the core's field walk (lrp_exp_field): "seed", "data.noise",
//   "optimizer.lr", "runs.2.schedule.milestones", ... Only fields that differ from their defaults are
//   written, except the kind selectors ("data.name", "optimizer.name", "runs.N.optimizer.name",
//   "runs.N.schedule.name", "runs.N.schedule.flavor") and run labels, which are always written.
//   A link that names any "runs.N.*" key replaces the default runs; "runs=0" says "no runs" (written
//   for a config without runs, which would otherwise reopen with the default runs).
// - Values are text: numbers in JavaScript's shortest round-trip form (String(x)), booleans
//   true/false, enum names, lists comma-separated ("model.hidden=32,32"), strings percent-encoded
//   (encodeURIComponent, with "," left as is). The core parses each value by its field's type
//   (lrp_exp_set_text in clamp mode) and reports what it corrected.
// - View keys, not part of the config: `embed` (0/1: the page without its chrome, for iframes),
//   `hide` (comma list of control groups to hide: setup, find, train, results, export) and
//   `autorun` (0/1: run the experiment on open). Only non-default view keys are written.
// - Reading never fails: at most 16 KiB of fragment is read, at most 512 pairs, keys of at most 64
//   characters matching /^[A-Za-z0-9_.]+$/, values of at most 256 characters; anything else is
//   dropped with a note. Repeated keys: the last one wins. Missing `v` means version 1. A link from a
//   newer lrplay (v > 1) is read as far as it can be, with a note. Older versions keep opening: a
//   table of renames per version (MIGRATIONS) brings their keys up to the current names.
//
// Exports: parseFragment, formatFragment, pairsFromFields, migrate, LINK_VERSION, HIDE_GROUPS,
// LIMITS, MIGRATIONS; and from link/config.js (a link's pairs <-> a config, on the core):
// configFromPairs, linkFields, orderPairs.

import { LIMITS, quote, capNotes } from './link/limits.js';

export { LIMITS };
export { configFromPairs, linkFields, orderPairs } from './link/config.js';

export const LINK_VERSION = 1;

/** Control groups the `hide` view key may name, in the order links write them. */
export const HIDE_GROUPS = Object.freeze(['setup', 'find', 'train', 'results', 'export']);

export const KEY_RE = /^[A-Za-z0-9_.]+$/;
const VIEW_KEYS = new Set(['v', 'embed', 'hide', 'autorun']);
// Path segments that must never reach code that builds nested objects from dotted names.
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Renames per link version: MIGRATIONS[n] takes a version-n link to version n+1. Each entry is
 * {renames: [[from, to], ...], transform?: (pairs) => pairs}; in `from` and `to` a `*` segment
 * stands for any one path segment (a run index, a field name), carried over in order
 * ("runs.*.sched.*" -> "runs.*.schedule.*"). Empty for version 1, the first version;
 * when a config field is renamed, add the rename under the version that last used the old name
 * and bump LINK_VERSION.
 */
export const MIGRATIONS = Object.freeze({});

/* ---------------------------------------------------------------- helpers */
const has = (obj, k) => Object.prototype.hasOwnProperty.call(obj, k);

/** Lone UTF-16 surrogates (which no URL can carry) become U+FFFD. */
function wellFormed(s) {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * decodeURIComponent that never throws: on a malformed % sequence, each run of %XX escapes is
 * decoded on its own and a run that is not valid UTF-8 is kept as written. Returns {text, bad}.
 */
export function safeDecode(s) {
  try {
    return { text: decodeURIComponent(s), bad: false };
  } catch {
    // A "%" not followed by two hex digits stays as written, and so does a run of escapes
    // that is not valid UTF-8.
    const text = s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try { return decodeURIComponent(run); } catch { return run; }
    });
    return { text, bad: true };
  }
}

/** Percent-encodes a value as links write it (commas stay readable). */
export function encodeValue(s) {
  return encodeURIComponent(wellFormed(String(s))).replace(/%2C/g, ',');
}

function keyProblem(key) {
  if (key.length === 0) return 'empty key';
  if (key.length > LIMITS.keyChars) return `key longer than ${LIMITS.keyChars} characters`;
  if (!KEY_RE.test(key)) return 'key with characters other than A-Z a-z 0-9 _ .';
  const segs = key.split('.');
  if (segs.some((g) => g === '')) return 'key with an empty path segment';
  if (segs.some((g) => FORBIDDEN_SEGMENTS.has(g))) return 'reserved key';
  return null;
}

function parseFlag(text) {
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  return null;
}

/* -------------------------------------------------------------- migration */
function renameKey(key, from, to) {
  const f = from.split('.'), k = key.split('.');
  if (f.length !== k.length) return null;
  const stars = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '*') {
      stars.push(k[i]);
    } else if (f[i] !== k[i]) {
      return null;
    }
  }
  let s = 0;
  return to.split('.').map((g) => (g === '*' ? stars[s++] ?? '0' : g)).join('.');
}

/**
 * Brings the pairs of a version-`version` link up to LINK_VERSION by applying
 * table[version], table[version+1], ... Returns {pairs, notes}; never throws. Versions at or past
 * LINK_VERSION are returned unchanged.
 */
export function migrate(version, pairs, table = MIGRATIONS) {
  const notes = [];
  let out = Array.isArray(pairs) ? pairs.map((p) => [String(p[0]), String(p[1])]) : [];
  if (!Number.isInteger(version)) return { pairs: out, notes };
  for (let v = version; v < LINK_VERSION; v++) {
    const step = table && has(table, v) ? table[v] : null;
    if (!step) continue;
    const renames = Array.isArray(step.renames) ? step.renames : [];
    out = out.map(([key, text]) => {
      for (const [from, to] of renames) {
        const nk = renameKey(key, from, to);
        if (nk !== null) {
          notes.push(`${quote(key)} is now ${quote(nk)} (link version ${v})`);
          return [nk, text];
        }
      }
      return [key, text];
    });
    if (typeof step.transform === 'function') {
      try {
        const t = step.transform(out);
        if (Array.isArray(t)) out = t.map((p) => [String(p[0]), String(p[1])]);
      } catch (e) {
        notes.push(`could not update a link of version ${v}: ${String(e && e.message)}`);
      }
    }
  }
  return { pairs: out, notes };
}

/* ---------------------------------------------------------------- parsing */
function emptyView() { return { embed: false, hide: [], autorun: false }; }

/** The length of one pair as formatFragment writes it (with its leading "&"). */
function writtenLength(key, text) { return key.length + 2 + encodeValue(text).length; }

/**
 * Reads a URL fragment ("#v=1&...", with or without the "#"; a whole URL is cut at its first "#").
 * Returns {version, pairs: [[key, text], ...], view: {embed, hide, autorun}, notes}: `version` is
 * the link's version as read (1 when missing or unreadable), `pairs` are in link order, already
 * migrated to the current version, deduplicated (last wins). Never throws.
 *
 * options.migrations: the rename table (default MIGRATIONS; tests pass their own).
 */
export function parseFragment(hash, options = {}) {
  const notes = [];
  try {
    return parseInner(hash, options ?? {}, notes);
  } catch (e) {
    // Not reachable by design; the promise is that a link can never break the page.
    notes.push(`the link could not be read (${String(e && e.message)})`);
    return { version: LINK_VERSION, pairs: [], view: emptyView(), notes: capNotes(notes) };
  }
}

function parseInner(hash, options, notes) {
  const migrations = options.migrations ?? MIGRATIONS;
  const head = [];  // notes about the whole link, shown before the notes about single pairs
  let s = typeof hash === 'string' ? hash : hash == null ? '' : String(hash);
  if (s.startsWith('#')) s = s.slice(1);
  else if (s.includes('#')) s = s.slice(s.indexOf('#') + 1);

  if (s.length > LIMITS.fragmentChars) {
    s = s.slice(0, LIMITS.fragmentChars);
    // The last pair was cut somewhere in the middle: drop it rather than read half a value.
    const amp = s.lastIndexOf('&');
    s = amp >= 0 ? s.slice(0, amp) : '';
    head.push(`the link is longer than ${LIMITS.fragmentChars / 1024} KiB; only its start was read`);
  }

  const seen = new Map();  // key -> [key, text], insertion order = link order (Map: no prototype keys)
  const view = {};         // 'v' | 'embed' | 'hide' | 'autorun' -> text (own properties only)
  const dropped = { long: 0, value: 0, count: 0 };
  const repeated = new Set();

  for (const seg of s.split('&')) {
    if (seg === '') continue;
    const eq = seg.indexOf('=');
    const rawKey = eq < 0 ? seg : seg.slice(0, eq);
    const rawText = eq < 0 ? null : seg.slice(eq + 1);
    if (rawKey.length > 3 * LIMITS.keyChars) {  // too long even fully percent-encoded
      dropped.long++;
      continue;
    }
    const dk = safeDecode(rawKey);
    const key = dk.text;
    const problem = keyProblem(key);
    if (problem) {
      notes.push(`${quote(key)}: ${problem}; dropped`);
      continue;
    }
    if (dk.bad) notes.push(`${quote(key)}: malformed % escape in the key`);
    if (rawText === null) {
      notes.push(`${quote(key)}: no value (key=value); dropped`);
      continue;
    }
    if (rawText.length > 9 * LIMITS.valueChars) {
      dropped.value++;
      continue;
    }
    const dv = safeDecode(rawText);
    if (dv.bad) notes.push(`${quote(key)}: malformed % escape in the value; kept as written`);
    let text = dv.text;
    const wf = wellFormed(text);
    if (wf !== text) {
      notes.push(`${quote(key)}: broken characters in the value replaced`);
      text = wf;
    }
    if (text.length > LIMITS.valueChars) {
      dropped.value++;
      continue;
    }
    if (VIEW_KEYS.has(key)) {
      if (has(view, key)) repeated.add(key);
      view[key] = text;
      continue;
    }
    if (seen.has(key)) {
      repeated.add(key);
      seen.delete(key);  // last wins, at the position of the last one
    } else if (seen.size >= LIMITS.pairs) {
      dropped.count++;
      continue;
    }
    seen.set(key, [key, text]);
  }
  if (dropped.long) head.push(`${dropped.long} key(s) longer than ${LIMITS.keyChars} characters dropped`);
  if (dropped.value) head.push(`${dropped.value} value(s) longer than ${LIMITS.valueChars} characters dropped`);
  if (dropped.count) head.push(`${dropped.count} pair(s) past the first ${LIMITS.pairs} dropped`);
  for (const key of repeated) notes.push(`${quote(key)} given more than once; the last value is used`);

  // Version.
  let version = LINK_VERSION;
  if (has(view, 'v')) {
    const t = view.v;
    if (/^[0-9]{1,9}$/.test(t)) {
      const n = Number(t);
      if (n > LINK_VERSION) {
        version = n;
        head.push(`link made by a newer lrplay (v=${n}); read what this version knows`);
      } else if (n < LINK_VERSION && migrations && has(migrations, n)) {
        version = n;
      } else if (n !== LINK_VERSION) {
        head.push(`unknown link version v=${n}; read as version ${LINK_VERSION}`);
      }
    } else {
      head.push(`unreadable link version v=${quote(t)}; read as version ${LINK_VERSION}`);
    }
  }

  let pairs = [...seen.values()];
  if (version < LINK_VERSION) {
    const m = migrate(version, pairs, migrations);
    notes.push(...m.notes);
    // Renames may produce bad or repeated keys: check again, last wins.
    const again = new Map();
    for (const [k, t] of m.pairs) {
      const problem = keyProblem(k);
      if (problem || VIEW_KEYS.has(k)) { notes.push(`${quote(k)}: ${problem ?? 'reserved key'}; dropped`); continue; }
      again.delete(k);
      again.set(k, [k, wellFormed(t)]);
    }
    pairs = [...again.values()].filter(([, t]) => t.length <= LIMITS.valueChars).slice(0, LIMITS.pairs);
  }

  // View.
  const out = emptyView();
  for (const k of ['embed', 'autorun']) {
    if (!has(view, k)) continue;
    const f = parseFlag(view[k]);
    if (f === null) notes.push(`${k}=${quote(view[k])}: must be 0 or 1; ignored`);
    else out[k] = f;
  }
  if (has(view, 'hide')) {
    const want = new Set();
    for (const name of view.hide.split(',')) {
      const n = name.trim();
      if (n === '') continue;
      if (HIDE_GROUPS.includes(n)) want.add(n);
      else notes.push(`hide: unknown group ${quote(n)} dropped (known: ${HIDE_GROUPS.join(', ')})`);
    }
    out.hide = HIDE_GROUPS.filter((g) => want.has(g));
  }

  // Keep what formatFragment writes within what parseFragment reads, so that a link read and
  // written again reads back the same.
  let budget = LIMITS.fragmentChars - formatFragment({ pairs: [], view: out }).length;
  let kept = 0;
  for (const [k, t] of pairs) {
    budget -= writtenLength(k, t);
    if (budget < 0) break;
    kept++;
  }
  if (kept < pairs.length) {
    head.push(`${pairs.length - kept} pair(s) dropped to keep the link within ${LIMITS.fragmentChars / 1024} KiB`);
    pairs = pairs.slice(0, kept);
  }

  return { version, pairs, view: out, notes: capNotes([...head, ...notes]) };
}

/* ---------------------------------------------------------------- writing */
/**
 * Writes a fragment: "#v=1", then the pairs in the given order, then the view keys that differ
 * from their defaults. Pairs with keys a link cannot carry (bad characters, view keys) are skipped.
 */
export function formatFragment({ pairs = [], view = {} } = {}) {
  const parts = [`v=${LINK_VERSION}`];
  for (const p of Array.isArray(pairs) ? pairs : []) {
    if (!Array.isArray(p)) continue;
    const key = String(p[0]);
    if (VIEW_KEYS.has(key) || keyProblem(key)) continue;
    parts.push(`${key}=${encodeValue(p[1] ?? '')}`);
  }
  const v = view ?? {};
  if (v.embed === true || v.embed === 1) parts.push('embed=1');
  const hide = Array.isArray(v.hide) ? HIDE_GROUPS.filter((g) => v.hide.includes(g)) : [];
  if (hide.length) parts.push(`hide=${hide.join(',')}`);
  if (v.autorun === true || v.autorun === 1) parts.push('autorun=1');
  return `#${parts.join('&')}`;
}

/* --------------------------------------------------------- from the core */
// The one place that knows the shape of the field walk: {name, type, value, isDefault} as
// linkFields gives it, or core.schema()'s own spelling is_default.
function normalizeField(f) {
  if (!f || typeof f !== 'object') return null;
  const name = typeof f.name === 'string' ? f.name : null;
  if (!name) return null;
  const isDefault = has(f, 'isDefault') ? !!f.isDefault : !!f.is_default;
  return { name, type: f.type, value: f.value, isDefault };
}

function fieldText(type, value) {
  switch (type) {
    case 'bool': return value === true || value === 1 ? 'true' : 'false';
    case 'int_list': return Array.isArray(value) ? value.map((x) => String(x)).join(',') : null;
    case 'number': case 'int':   // String(-0) is "0": keep the sign, the link must reopen as it was
      return typeof value === 'number' && Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : String(value)) : null;
    case 'enum': case 'string': return value == null ? null : String(value);
    default: return value == null ? null : Array.isArray(value) ? value.join(',') : String(value);
  }
}

/** Always written, default or not: the kind selectors and run labels. */
function alwaysKept(name) {
  return name === 'name' || name.endsWith('.name') || name.endsWith('.flavor') || /^runs\.[0-9]+\.label$/.test(name);
}

/**
 * The pairs of a link from the core's field walk: fields at their defaults are left out, except
 * kind selectors ("name", "*.name", and "*.flavor", which the walk always reports as default) and
 * run labels. "version" (the config format version) is carried by the link's own `v`.
 */
export function pairsFromFields(fields) {
  const out = [];
  for (const raw of Array.isArray(fields) ? fields : []) {
    const f = normalizeField(raw);
    if (!f || f.name === 'version') continue;
    // -0 equals a default of 0 but is not it: left out, the link would reopen with +0.
    if (f.isDefault && !alwaysKept(f.name) && !Object.is(f.value, -0)) continue;
    const text = fieldText(f.type, f.value);
    if (text === null) continue;
    out.push([f.name, text]);
  }
  return out;
}
