// state.js — the page's whole state is one experiment config object (the canonical JSON of the
// core, same names as core.schema()). Every change goes through core.readConfig in clamp mode:
// the core validates and corrects, the page shows its notes. A later link/fragment reader only
// has to call state.replace(obj).

function clone(o) { return JSON.parse(JSON.stringify(o)); }

import { DATA, OPTIMIZER, SCHEDULE } from './core/schema.gen.js';

// When a kind changes ("optimizer.name", "runs.2.schedule.name", "data.name", a plateau's
// "flavor"), the object is reset to that kind's defaults; only these keys carry over, and only
// into a kind that has them (digits has no `samples`: carrying it would only earn a note).
const CARRY = {
  optimizer: ['lr'],
  schedule: ['interval'],
  data: ['samples', 'val_frac'],
};
const HAS = {
  optimizer: (kind, k) => !!OPTIMIZER[kind]?.[k],
  schedule: (kind, k) => !!(SCHEDULE[kind]?.[k] ?? SCHEDULE[`${kind}/keras`]?.[k]),
  data: (kind, k) => !!DATA[kind]?.fields?.[`data.${k}`],
};

/** Sets obj at a dotted path ("runs.2.schedule.factor"); numeric segments index arrays. */
export function setPath(obj, path, value) {
  const segs = path.split('.');
  let node = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const k = Array.isArray(node) ? Number(segs[i]) : segs[i];
    if (node[k] == null || typeof node[k] !== 'object') node[k] = /^\d+$/.test(segs[i + 1]) ? [] : {};
    node = node[k];
  }
  const leaf = segs[segs.length - 1];
  const parentName = segs.length >= 2 ? segs[segs.length - 2] : '';
  if ((leaf === 'name' || leaf === 'flavor') && !Array.isArray(node) && node[leaf] !== value) {
    const keep = { name: node.name };
    const kind = leaf === 'name' ? value : node.name;
    for (const k of CARRY[parentName] || []) {
      if (k in node && (!HAS[parentName] || HAS[parentName](kind, k))) keep[k] = node[k];
    }
    for (const k of Object.keys(node)) delete node[k];
    Object.assign(node, keep);
  }
  node[Array.isArray(node) ? Number(leaf) : leaf] = value;
}

export function getPath(obj, path) {
  let node = obj;
  for (const s of path.split('.')) {
    if (node == null) return undefined;
    node = node[Array.isArray(node) ? Number(s) : s];
  }
  return node;
}

export class State {
  constructor(core) {
    this.core = core;
    this.config = core.defaultConfig();
    this.schema = core.schema(this.config);
    this.notes = [];          // [{level: 'note'|'error', text}]
    this.data = null;         // the table of a csv experiment (core.loadData), or null
    this.subs = new Set();
  }

  subscribe(fn) { this.subs.add(fn); return () => this.subs.delete(fn); }

  /** The field infos whose names start with prefix. */
  fields(prefix) { return this.schema.filter((f) => f.name.startsWith(prefix)); }

  /** Replaces the whole config (e.g. from a link); returns false when it was refused. */
  replace(obj, why = 'replace') { return this._read(clone(obj), why); }

  /**
   * A csv experiment on `table` (core.loadData): `obj` is read with it; when the core refuses
   * (the file does not fit the config), nothing changes and its message is thrown.
   */
  useData(table, obj) {
    const r = this.core.readConfig(obj, { mode: 'clamp', data: table });
    this.data = table;
    this.config = r.config;
    this.schema = this.core.schema(this.config);
    this.notes = r.notes.map((text) => ({ level: 'note', text }));
    this._emit({ why: 'data', refused: false });
  }

  set(path, value) { return this.edit((o) => setPath(o, path, value), path); }

  /** Edits a copy of the config with fn(copy) and reads it back through the core. */
  edit(fn, why = 'edit') {
    const obj = clone(this.config);
    fn(obj);
    return this._read(obj, why);
  }

  _read(obj, why) {
    let r;
    try {
      const data = obj?.data?.name === 'csv' ? this.data : null;
      r = this.core.readConfig(obj, { mode: 'clamp', data });
    } catch (err) {
      this.notes = [{ level: 'error', text: `Not applied: ${err.message}` }];
      this._emit({ why, refused: true });
      return false;
    }
    this.config = r.config;
    this.schema = this.core.schema(this.config);
    this.notes = r.notes.map((text) => ({ level: 'note', text }));
    this._emit({ why, refused: false });
    return true;
  }

  _emit(change) { for (const fn of this.subs) fn(this, change); }
}
