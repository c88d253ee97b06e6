// link/config.js — a link's pairs <-> a config, on the core's generic API (core.editConfig:
// field-by-field text edits; core.schema: the field walk). The core knows nothing of links.
//
//   configFromPairs(core, pairs, {base}) -> {config, notes}   what a link opens as
//   linkFields(core, config) -> [{name, type, value, isDefault}]   what a link writes (pairsFromFields)
//   orderPairs(pairs)                                            the order pairs are applied in

import { LIMITS, quote, capNotes } from './limits.js';

const RUN_KEY = /^runs\.[0-9]+\./;

/* --------------------------------------------------------------- ordering */
function rank(key) {
  const m = /^runs\.([0-9]+)\.(.*)$/.exec(key);
  if (m) {
    const rest = m[2];
    const sub = rest === 'name' || rest.endsWith('.name') ? 0 : rest === 'flavor' || rest.endsWith('.flavor') ? 1 : 2;
    return [2, Number(m[1]), sub];
  }
  if (key === 'runs' || key.startsWith('runs.')) return [3, 0, 0];  // malformed run keys: last
  if (key === 'data.name') return [0, 0, 0];
  if (key === 'optimizer.name') return [0, 1, 0];
  return [1, 0, 0];
}

/**
 * A stable order for applying pairs to a config: "data.name", then "optimizer.name", then the
 * other top-level keys, then every "runs.N.*" key by run index N, within a run the kind names
 * ("*.name") first, then "*.flavor", then the rest. Keys that tie keep their order.
 */
export function orderPairs(pairs) {
  const list = Array.isArray(pairs) ? pairs : [];
  return list
    .map((p, i) => ({ p, i, r: rank(String(Array.isArray(p) ? p[0] : '')) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || a.i - b.i)
    .map((x) => x.p);
}

/**
 * A config from a link's pairs ([[key, text], ...], link.js parseFragment): starts from `base`
 * (the default config when not given), clears its runs when a "runs.N.*" key or "runs=0" (no runs)
 * is present, then
 * applies each pair in orderPairs order as text in clamp mode. Pairs longer than the link limits
 * (LIMITS.keyChars, LIMITS.valueChars), which parseFragment never gives, are ignored with a note.
 * A pair the core refuses is ignored with a note; a pair that leaves the config invalid is undone
 * and tried once more at the end, when the pairs after it may have made it fit. The result is
 * always a valid config; `notes` says, in words, everything that was corrected or ignored. Never
 * throws on any input.
 */
export function configFromPairs(core, pairs, { base } = {}) {
  const notes = [];
  return core.editConfig((d) => {
    // The starting point: base as given, corrected, or the defaults.
    if (base !== undefined && base !== null) {
      try { d.read(base, 'strict'); } catch {
        try { d.read(base, 'clamp'); } catch (e2) {
          d.reset();
          notes.push(`the starting config could not be used (${e2.message}); started from the defaults`);
        }
      }
    }
    const list = [];
    for (const p of orderPairs(Array.isArray(pairs) ? pairs : [])) {
      if (!Array.isArray(p) || p.length < 2) continue;
      const key = String(p[0]), text = String(p[1]);
      if (key.length > LIMITS.keyChars || text.length > LIMITS.valueChars) {
        notes.push(`${quote(key)}: too long; ignored`);
        continue;
      }
      list.push([key, text]);
    }
    // "runs=0" is how a link says "no runs" (linkFields writes it for a config without runs):
    // without it, such a link would reopen with the default runs.
    let noRuns = false;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i][0] !== 'runs') continue;
      if (list[i][1] === '0') noRuns = true;
      else notes.push(`runs=${quote(list[i][1])}: only runs=0 (no runs) is understood; ignored`);
      list.splice(i, 1);
    }
    if (noRuns || list.some(([k]) => RUN_KEY.test(k))) d.clearRuns();
    // Applies one pair; returns null, or the reason it was undone (what it corrected did not
    // happen, so it leaves no note).
    const apply = (key, text) => {
      const r = d.setText(key, text, { mode: 'clamp', keepValid: true });
      if (r.status !== 'LRP_OK') {
        notes.push(`${r.message || `${quote(key)}: ${r.statusText}`} (ignored)`);
        return null;
      }
      if (r.invalid !== null) return r.invalid;
      if (r.message) notes.push(r.message);
      return null;
    };
    const retry = [];
    for (const [key, text] of list) {
      if (apply(key, text) !== null) retry.push([key, text]);
    }
    for (const [key, text] of retry) {
      const why = apply(key, text);
      if (why !== null) {
        notes.push(`${/^[A-Za-z0-9_.]+$/.test(key) ? key : quote(key)}=${quote(text)} does not fit with the rest (${why}); ignored`);
      }
    }
    const invalid = d.validate();
    if (invalid !== null) {
      // Not reachable: every step above keeps the config valid. Keep the promise anyway.
      notes.push(`the link made an invalid config (${invalid}); the defaults are used`);
      d.reset();
    }
    return { config: d.config(), notes: capNotes(notes) };
  });
}

/** The field walk of a config as pairsFromFields takes it; throws on an invalid config. A config
 * with no runs gets one more field, "runs" = 0, so that its link does not reopen with the default
 * runs (a link with no "runs.N.*" key keeps them). */
export function linkFields(core, config) {
  const fields = core.schema(config).map((f) => ({ name: f.name, type: f.type, value: f.value, isDefault: f.is_default }));
  if (!fields.some((f) => RUN_KEY.test(f.name))) fields.push({ name: 'runs', type: 'int', value: 0, isDefault: false });
  return fields;
}
