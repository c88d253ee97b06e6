// link-fixpoint.test.mjs — a link is a fixed point of open -> rewrite -> open: for random and
// hostile fragments, the link the page writes for what a fragment opened as opens as the very
// same config and view, and writing that again gives the same link, character for character.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, toJSON } from '../../web/js/core.js';
import { parseFragment, formatFragment, pairsFromFields, configFromPairs, linkFields } from '../../web/js/link.js';

let core;
before(async () => { core = await loadCore(); });

const write = (config, view) => formatFragment({ pairs: pairsFromFields(linkFields(core, config)), view });
const open = (hash) => {
  const l = parseFragment(hash);
  return { ...configFromPairs(core, l.pairs), view: l.view };
};

function fixedPoint(frag) {
  const a = open(frag);
  const link = write(a.config, a.view);
  const b = open(link);
  assert.equal(toJSON(b.config), toJSON(a.config), `${JSON.stringify(frag)} opens as one config and its link ${link} as another`);
  assert.deepEqual(b.view, a.view, `${JSON.stringify(frag)}: view`);
  assert.deepEqual(b.notes, [], `${JSON.stringify(frag)}: its link ${link} opens with notes`);
  assert.equal(write(b.config, b.view), link, `${JSON.stringify(frag)}: the link is not a fixed point`);
}

// A seeded generator (mulberry32) so that a failure replays.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (arr) => arr[int(arr.length)] };
}

test('the cases the issue names and their relatives are fixed points', () => {
  for (const frag of ['#v=1&runs.9.label=x', '#runs.8.label=x', '#v=1&runs.0.nope=1', '#runs.0.schedule.name=nope',
    '#v=1&runs=0', '#runs=0&runs.2.label=b', '#runs=3', '#runs=x', '#runs.99.label=x&runs.1.label=y', '#', '',
    '#v=1&runs.0.label=%00', '#runs.0.label=' + 'x'.repeat(200), '#embed=1&runs.9.label=x&hide=find']) {
    fixedPoint(frag);
  }
  // A config with no runs has a link that says so.
  const none = core.readConfig({ runs: [] }).config;
  assert.equal(open(write(none, {})).config.runs.length, 0);
});

test('3 000 random and hostile fragments: open -> write -> open is the same config, and the link a fixed point', () => {
  const R = rng(4242);
  const base = linkFields(core, core.defaultConfig()).map((f) => f.name).filter((n) => n !== 'version');
  const runKeys = ['label', 'schedule.name', 'schedule.T_max', 'schedule.milestones', 'schedule.flavor', 'schedule.interval',
    'optimizer.name', 'optimizer.lr', 'optimizer.momentum', 'min_lr', 'nope', 'schedule.factor', 'schedule.T_0'];
  const keys = () => {
    const r = R.next();
    if (r < 0.45) return R.pick(base);
    if (r < 0.85) return `runs.${R.int(11)}.${R.pick(runKeys)}`;
    return R.pick(['runs', 'runs.', 'runs.x.label', 'runs.-1.label', 'runs.0', '__proto__', 'v', 'embed', 'hide', 'autorun',
      'version', 'data', 'optimizer.lr.x', 'épsilon', 'runs.0001.label']);
  };
  const values = ['0', '1', '-1', '2', '3', '8', '9', '1e9', '-1e9', '1e308', '1e309', '-0', 'NaN', 'inf', '0x10', '1e-320', '',
    ' ', '1,2,3', ',,', '3,1', '0.5', '0.1', '0.30000000000000004', 'true', 'false', 'adam', 'sgd', 'keras_adam', 'cosine',
    'reduce_on_plateau', 'onecycle', 'cyclic', 'keras', 'torch', 'batch', 'epoch', 'digits', 'moons', 'sine', '%00', '%0A',
    '%7F', 'a%00b', '%E2%80%A8', '%F0%9F%8E%9B', 'ünïcødé', '<b>x</b>', 'x'.repeat(40), 'é'.repeat(40), 'x'.repeat(300),
    '%ZZ', '1,'.repeat(20), 'find,setup'];
  let n = 0, notes = 0;
  for (; n < 3000; n++) {
    const parts = [];
    if (R.next() < 0.7) parts.push(`v=${R.pick(['1', '0', '2', 'x'])}`);
    const k = 1 + R.int(n % 3 === 0 ? 30 : 8);
    for (let i = 0; i < k; i++) parts.push(`${keys()}=${R.pick(values)}`);
    const frag = (R.next() < 0.5 ? '#' : '') + parts.join('&');
    if (open(frag).notes.length) notes++;
    fixedPoint(frag);
  }
  console.log(`link fixed points: ${n} fragments (${notes} opened with notes)`);
});
