// The URL fragment codec (web/js/link.js): fixed cases, then 10 000 random and malformed fragments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseFragment, formatFragment, pairsFromFields, orderPairs, migrate,
  LINK_VERSION, HIDE_GROUPS, LIMITS, KEY_RE,
} from '../../web/js/link.js';

const EXAMPLE = '#v=1&data.name=spiral&optimizer.lr=0.003&runs.2.schedule.factor=0.5&embed=1&hide=find,setup&autorun=1';

/* ------------------------------------------------------------ seeded PRNG */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* ------------------------------------------------------------- the shape */
function checkShape(r, input) {
  const where = `input ${JSON.stringify(String(input).slice(0, 120))}`;
  assert.ok(r && typeof r === 'object', where);
  assert.deepEqual(Object.keys(r).sort(), ['notes', 'pairs', 'version', 'view'], where);
  assert.ok(Number.isInteger(r.version) && r.version >= 0, where);
  assert.ok(Array.isArray(r.pairs), where);
  assert.ok(r.pairs.length <= LIMITS.pairs, where);
  const keys = new Set();
  for (const p of r.pairs) {
    assert.ok(Array.isArray(p) && p.length === 2, where);
    const [k, v] = p;
    assert.equal(typeof k, 'string', where);
    assert.equal(typeof v, 'string', where);
    assert.match(k, KEY_RE, where);
    assert.ok(k.length >= 1 && k.length <= LIMITS.keyChars, where);
    assert.ok(v.length <= LIMITS.valueChars, where);
    assert.ok(!['v', 'embed', 'hide', 'autorun'].includes(k), `view key ${k} among pairs; ${where}`);
    assert.ok(!k.split('.').some((g) => g === '' || g === '__proto__' || g === 'constructor' || g === 'prototype'), where);
    assert.ok(!keys.has(k), `repeated key ${k}; ${where}`);
    keys.add(k);
  }
  assert.deepEqual(Object.keys(r.view).sort(), ['autorun', 'embed', 'hide'], where);
  assert.equal(typeof r.view.embed, 'boolean', where);
  assert.equal(typeof r.view.autorun, 'boolean', where);
  assert.ok(Array.isArray(r.view.hide), where);
  assert.deepEqual(r.view.hide, HIDE_GROUPS.filter((g) => r.view.hide.includes(g)), `hide not canonical; ${where}`);
  assert.ok(Array.isArray(r.notes) && r.notes.every((n) => typeof n === 'string'), where);
  assert.ok(r.notes.length <= LIMITS.notes, where);
}

function checkRoundTrip(r, input) {
  const text = formatFragment(r);
  assert.ok(text.startsWith(`#v=${LINK_VERSION}`));
  assert.ok(text.length <= LIMITS.fragmentChars + 1, `formatted link of ${text.length} chars`);
  const again = parseFragment(text);
  const where = `input ${JSON.stringify(String(input).slice(0, 120))}`;
  assert.deepEqual(again.pairs, r.pairs, where);
  assert.deepEqual(again.view, r.view, where);
  assert.equal(formatFragment(again), text, where);
}

/* ----------------------------------------------------------- fixed cases */
test('the documented example', () => {
  const r = parseFragment(EXAMPLE);
  checkShape(r, EXAMPLE);
  assert.equal(r.version, 1);
  assert.deepEqual(r.pairs, [['data.name', 'spiral'], ['optimizer.lr', '0.003'], ['runs.2.schedule.factor', '0.5']]);
  assert.deepEqual(r.view, { embed: true, hide: ['setup', 'find'], autorun: true });
  assert.deepEqual(r.notes, []);
  assert.equal(formatFragment(r),
    '#v=1&data.name=spiral&optimizer.lr=0.003&runs.2.schedule.factor=0.5&embed=1&hide=setup,find&autorun=1');
  checkRoundTrip(r, EXAMPLE);
});

test('with or without "#", or a whole URL', () => {
  const a = parseFragment('v=1&seed=3');
  const b = parseFragment('#v=1&seed=3');
  const c = parseFragment('https://example.org/lrplay/?x=1#v=1&seed=3');
  assert.deepEqual(a.pairs, [['seed', '3']]);
  assert.deepEqual(b, a);
  assert.deepEqual(c, a);
});

test('missing v is version 1 without a note; v=0, garbage and newer versions are noted', () => {
  const none = parseFragment('#seed=2');
  assert.equal(none.version, 1);
  assert.deepEqual(none.notes, []);
  const newer = parseFragment('#v=2&seed=2&future.field=x');
  assert.equal(newer.version, 2);
  assert.deepEqual(newer.pairs, [['seed', '2'], ['future.field', 'x']]);
  assert.ok(newer.notes.some((n) => n.includes('link made by a newer lrplay (v=2)')), newer.notes.join('|'));
  for (const bad of ['0', 'abc', '-1', '1.5', '', '99999999999999999999']) {
    const r = parseFragment(`#v=${bad}&seed=2`);
    assert.equal(r.version, 1, `v=${bad}`);
    assert.deepEqual(r.pairs, [['seed', '2']], `v=${bad}`);
    assert.ok(r.notes.some((n) => /version/.test(n)), `v=${bad}: ${r.notes.join('|')}`);
  }
});

test('repeated keys: the last wins, with a note', () => {
  const r = parseFragment('#seed=1&data.noise=0.1&seed=2&embed=1&embed=0');
  assert.deepEqual(r.pairs, [['data.noise', '0.1'], ['seed', '2']]);
  assert.equal(r.view.embed, false);
  assert.ok(r.notes.some((n) => /repeated|more than once/.test(n)), r.notes.join('|'));
});

test('malformed percent escapes are kept as written and noted, never thrown', () => {
  for (const v of ['%', '%E0%A4%A', '%ZZ', '%ED%A0%80', '%C0%AF', '100%', '%%%']) {
    const r = parseFragment(`#runs.0.label=${v}&seed=2`);
    checkShape(r, v);
    assert.deepEqual(r.pairs, [['runs.0.label', v], ['seed', '2']], v);
    assert.ok(r.notes.some((n) => /malformed %/.test(n)), `${v}: ${r.notes.join('|')}`);
    checkRoundTrip(r, v);
  }
  // Well-formed escapes decode; keys may be escaped too.
  const r = parseFragment('#runs.0.label=a%20b%26c%3Dd%23e%F0%9F%98%80&%73eed=4');
  assert.deepEqual(r.pairs, [['runs.0.label', 'a b&c=d#e😀'], ['seed', '4']]);
  assert.deepEqual(r.notes, []);
  checkRoundTrip(r, 'escapes');
});

test('odd inputs: %, &&&, =, empty, non-strings, throwing toString', () => {
  const weird = ['', '#', '%', '&&&', '=', '==', '&=&', '#&v&', 'v', 'embed', '#=1', '#a==b', '#a=b=c',
    undefined, null, 0, 12, {}, [], Symbol('x'), { toString() { throw new Error('boom'); } }];
  for (const w of weird) {
    const r = parseFragment(w);
    const label = typeof w === 'string' ? w : typeof w;
    checkShape(r, label);
    checkRoundTrip(r, label);
  }
  assert.ok(parseFragment({ toString() { throw new Error('boom'); } }).notes.some((n) => /could not be read/.test(n)));
  assert.deepEqual(parseFragment('#a=b=c').pairs, [['a', 'b=c']]);
  assert.deepEqual(parseFragment('#a==b').pairs, [['a', '=b']]);
  assert.deepEqual(parseFragment('#seed=').pairs, [['seed', '']]);
  assert.ok(parseFragment('#seed').notes.some((n) => /no value/.test(n)));
  // Lone surrogates (no URL can carry them) become U+FFFD, with a note.
  const lone = parseFragment('#runs.0.label=a\uD800b&runs.1.label=\uDC00');
  assert.deepEqual(lone.pairs, [['runs.0.label', 'a\uFFFDb'], ['runs.1.label', '\uFFFD']]);
  assert.equal(lone.notes.length, 2);
  checkRoundTrip(lone, 'lone surrogates');
});

test('prototype-pollution keys are dropped and pollute nothing', () => {
  const r = parseFragment('#__proto__=1&__proto__.polluted=yes&constructor=2&constructor.prototype.polluted=yes'
    + '&runs.0.__proto__=x&a.prototype.b=1&toString=3&hasOwnProperty=4&seed=5&hide=__proto__,constructor');
  checkShape(r, 'proto');
  assert.deepEqual(r.pairs, [['toString', '3'], ['hasOwnProperty', '4'], ['seed', '5']]);
  assert.deepEqual(r.view.hide, []);
  assert.ok(r.notes.some((n) => /reserved key/.test(n)));
  assert.equal(({}).polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  checkRoundTrip(r, 'proto');
});

test('keys must match the key pattern', () => {
  const r = parseFragment('#data-name=x&a b=1&a%20b=1&ключ=1&.a=1&a.=1&a..b=1&ok_key.2=1&A9_.z=2');
  assert.deepEqual(r.pairs, [['ok_key.2', '1'], ['A9_.z', '2']]);
  assert.ok(r.notes.length >= 7, r.notes.join('|'));
});

test('limits: key and value lengths, pair count, fragment size', () => {
  const k64 = 'k'.repeat(64), k65 = 'k'.repeat(65);
  const r1 = parseFragment(`#${k64}=1&${k65}=2`);
  assert.deepEqual(r1.pairs, [[k64, '1']]);
  assert.ok(r1.notes.some((n) => /64/.test(n)));

  const v256 = 'x'.repeat(256), v257 = 'x'.repeat(257);
  const r2 = parseFragment(`#a=${v256}&b=${v257}&c=${'%41'.repeat(257)}&d=${'%41'.repeat(256)}`);
  assert.deepEqual(r2.pairs, [['a', v256], ['d', 'A'.repeat(256)]]);
  assert.ok(r2.notes.some((n) => /256/.test(n)));

  const many = Array.from({ length: 600 }, (_, i) => `k${i}=${i}`).join('&');
  const r3 = parseFragment(`#v=1&${many}&embed=1`);
  assert.equal(r3.pairs.length, 512);
  assert.deepEqual(r3.pairs[511], ['k511', '511']);
  assert.equal(r3.view.embed, true);
  assert.ok(r3.notes.some((n) => /512/.test(n)));
  checkRoundTrip(r3, 'many');

  const huge = `#v=1&seed=7&${'a=1&'.repeat(10000)}b=2`;
  assert.ok(huge.length > 16 * 1024);
  const r4 = parseFragment(huge);
  checkShape(r4, 'huge');
  assert.ok(r4.notes.some((n) => /16 KiB/.test(n)));
  assert.deepEqual(r4.pairs, [['seed', '7'], ['a', '1']]);  // b lies past the 16 KiB read

  // Values that grow when written (unicode, escaped characters) are kept within what parsing reads.
  const wide = `#${Array.from({ length: 200 }, (_, i) => `k${i}=${'é'.repeat(100)}`).join('&')}`;
  const r5 = parseFragment(wide);
  checkShape(r5, 'wide');
  assert.ok(r5.pairs.length < 200);
  assert.ok(r5.notes.some((n) => /within 16 KiB/.test(n)), r5.notes.join('|'));
  checkRoundTrip(r5, 'wide');
});

test('view keys: embed, hide, autorun', () => {
  const r = parseFragment('#embed=true&autorun=0&hide=results, export,bogus,find,find');
  assert.deepEqual(r.view, { embed: true, hide: ['find', 'results', 'export'], autorun: false });
  assert.ok(r.notes.some((n) => /bogus/.test(n)));
  const bad = parseFragment('#embed=2&autorun=yes');
  assert.deepEqual(bad.view, { embed: false, hide: [], autorun: false });
  assert.equal(bad.notes.length, 2);
  assert.equal(formatFragment({ pairs: [], view: { embed: false, hide: [], autorun: false } }), '#v=1');
  assert.equal(formatFragment({ pairs: [], view: { hide: ['export', 'nope', 'setup'] } }), '#v=1&hide=setup,export');
});

test('notes are capped', () => {
  const r = parseFragment(`#${Array.from({ length: 300 }, (_, i) => `bad-${i}=1`).join('&')}`);
  assert.equal(r.notes.length, LIMITS.notes);
  assert.match(r.notes.at(-1), /more notes/);
});

test('formatFragment: v first, pairs in order, values encoded, bad keys skipped', () => {
  const text = formatFragment({
    pairs: [['runs.0.label', 'a&b=c #1 50% é'], ['model.hidden', '64,32'], ['bad key', 'x'], ['embed', '1'],
      ['optimizer.lr', String(0.1 + 0.2)], ['find.start_lr', String(1e-7)], ['target_loss', String(1e21)]],
    view: { autorun: true },
  });
  assert.equal(text, '#v=1&runs.0.label=a%26b%3Dc%20%231%2050%25%20%C3%A9&model.hidden=64,32'
    + '&optimizer.lr=0.30000000000000004&find.start_lr=1e-7&target_loss=1e%2B21&autorun=1');
  const r = parseFragment(text);
  assert.deepEqual(r.pairs, [['runs.0.label', 'a&b=c #1 50% é'], ['model.hidden', '64,32'],
    ['optimizer.lr', '0.30000000000000004'], ['find.start_lr', '1e-7'], ['target_loss', '1e+21']]);
  assert.equal(Number(r.pairs[2][1]), 0.1 + 0.2);
  assert.equal(formatFragment(), '#v=1');
  assert.equal(formatFragment({ pairs: 'nope', view: null }), '#v=1');
});

test('migrate: a fake v0 rename table shows old links keep opening', () => {
  const FAKE = {
    0: { renames: [['data.set', 'data.name'], ['runs.*.sched.*', 'runs.*.schedule.*'], ['opt.lr', 'optimizer.lr']] },
  };
  const r = parseFragment('#v=0&data.set=moons&opt.lr=0.01&runs.3.sched.name=cosine&runs.3.sched.T_max=9&seed=4',
    { migrations: FAKE });
  checkShape(r, 'v0');
  assert.equal(r.version, 0);
  assert.deepEqual(r.pairs, [['data.name', 'moons'], ['optimizer.lr', '0.01'], ['runs.3.schedule.name', 'cosine'],
    ['runs.3.schedule.T_max', '9'], ['seed', '4']]);
  assert.ok(r.notes.some((n) => n.includes('"data.set" is now "data.name"')), r.notes.join('|'));
  // A rename onto a key the link also has: the later one wins.
  const clash = parseFragment('#v=0&data.name=xor&data.set=moons', { migrations: FAKE });
  assert.deepEqual(clash.pairs, [['data.name', 'moons']]);
  // Without the table, v=0 is unknown: read as version 1, nothing renamed.
  const plain = parseFragment('#v=0&data.set=moons');
  assert.equal(plain.version, 1);
  assert.deepEqual(plain.pairs, [['data.set', 'moons']]);
  // migrate() itself: chained steps, current versions untouched, transforms, bad input.
  const chain = { '-1': { renames: [['a', 'b']] }, 0: { renames: [['b', 'c']], transform: (p) => p.concat([['t', '1']]) } };
  assert.deepEqual(migrate(-1, [['a', '5']], chain).pairs, [['c', '5'], ['t', '1']]);
  assert.deepEqual(migrate(1, [['a', '5']], chain).pairs, [['a', '5']]);
  assert.deepEqual(migrate(0, null, chain).pairs, [['t', '1']]);
  const throwing = { 0: { transform: () => { throw new Error('x'); } } };
  assert.equal(migrate(0, [['a', '1']], throwing).notes.length, 1);
});

/* ------------------------------------------------------- pairsFromFields */
test('pairsFromFields: defaults dropped except kind selectors and labels', () => {
  const fields = [
    { name: 'version', type: 'int', value: 1, isDefault: false },
    { name: 'seed', type: 'int', value: 1, isDefault: true },
    { name: 'data.name', type: 'enum', value: 'moons', isDefault: false },
    { name: 'data.noise', type: 'number', value: 0.1 + 0.2, isDefault: false },
    { name: 'model.hidden', type: 'int_list', value: [64, 32, 16], isDefault: false },
    { name: 'model.activation', type: 'enum', value: 'tanh', isDefault: true },
    { name: 'optimizer.name', type: 'enum', value: 'adam', isDefault: true },
    { name: 'optimizer.lr', type: 'number', value: 1e-7, isDefault: false },
    { name: 'optimizer.amsgrad', type: 'bool', value: true, isDefault: false },
    { name: 'find.use_val', type: 'bool', value: false, isDefault: true },
    { name: 'target_loss', type: 'number', value: null, isDefault: false },  // non-finite: nothing to write
    { name: 'runs.0.label', type: 'string', value: 'run 1', isDefault: true },
    { name: 'runs.0.min_lr', type: 'number', value: 0, isDefault: true },
    { name: 'runs.0.optimizer.name', type: 'enum', value: 'sgd', isDefault: true },
    { name: 'runs.0.schedule.name', type: 'enum', value: 'reduce_on_plateau', is_default: true },
    { name: 'runs.0.schedule.flavor', type: 'enum', value: 'keras', is_default: true },
    { name: 'runs.0.schedule.factor', type: 'number', value: 0.5, is_default: false },
    { name: 'runs.0.schedule.patience', type: 'int', value: 10, is_default: true },
    { name: 'runs.0.schedule.milestones', type: 'int_list', value: [], is_default: false },
    null, 7, { type: 'int', value: 3 },
  ];
  assert.deepEqual(pairsFromFields(fields), [
    ['data.name', 'moons'], ['data.noise', '0.30000000000000004'], ['model.hidden', '64,32,16'],
    ['optimizer.name', 'adam'], ['optimizer.lr', '1e-7'], ['optimizer.amsgrad', 'true'],
    ['runs.0.label', 'run 1'], ['runs.0.optimizer.name', 'sgd'], ['runs.0.schedule.name', 'reduce_on_plateau'],
    ['runs.0.schedule.flavor', 'keras'], ['runs.0.schedule.factor', '0.5'], ['runs.0.schedule.milestones', ''],
  ]);
  assert.deepEqual(pairsFromFields(undefined), []);
  // Through a link and back.
  const pairs = pairsFromFields(fields);
  const r = parseFragment(formatFragment({ pairs, view: {} }));
  assert.deepEqual(r.pairs, pairs);
  assert.deepEqual(r.notes, []);
});

/* ------------------------------------------------------------ orderPairs */
function rankOf(key) {
  const m = /^runs\.([0-9]+)\.(.*)$/.exec(key);
  if (m) {
    const rest = m[2];
    return { group: 2, run: Number(m[1]), sub: /(^|\.)name$/.test(rest) ? 0 : /(^|\.)flavor$/.test(rest) ? 1 : 2 };
  }
  if (key.startsWith('runs.') || key === 'runs') return { group: 3, run: 0, sub: 0 };
  if (key === 'data.name') return { group: 0, run: 0, sub: 0 };
  if (key === 'optimizer.name') return { group: 0, run: 0, sub: 1 };
  return { group: 1, run: 0, sub: 0 };
}

test('orderPairs: the documented order', () => {
  const pairs = [['runs.1.schedule.factor', 'a'], ['seed', '1'], ['runs.0.schedule.flavor', 'keras'],
    ['runs.10.label', 'x'], ['optimizer.lr', '1'], ['runs.2.label', 'y'], ['runs.0.schedule.name', 'reduce_on_plateau'],
    ['optimizer.name', 'sgd'], ['runs.0.label', 'z'], ['data.noise', '0.1'], ['runs.0.optimizer.name', 'adam'],
    ['data.name', 'moons']];
  assert.deepEqual(orderPairs(pairs).map((p) => p[0]), [
    'data.name', 'optimizer.name', 'seed', 'optimizer.lr', 'data.noise',
    'runs.0.schedule.name', 'runs.0.optimizer.name', 'runs.0.schedule.flavor', 'runs.0.label',
    'runs.1.schedule.factor', 'runs.2.label', 'runs.10.label']);
  assert.deepEqual(orderPairs(null), []);
});

test('orderPairs: properties over random pair lists', () => {
  const rand = mulberry32(7);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const top = ['data.name', 'optimizer.name', 'seed', 'data.noise', 'optimizer.lr', 'epochs', 'find.beta', 'model.hidden'];
  const rest = ['label', 'min_lr', 'optimizer.name', 'optimizer.lr', 'schedule.name', 'schedule.flavor',
    'schedule.factor', 'schedule.interval'];
  for (let t = 0; t < 500; t++) {
    const n = Math.floor(rand() * 30);
    const pairs = [];
    for (let i = 0; i < n; i++) {
      const r = rand();
      const key = r < 0.4 ? pick(top) : r < 0.95 ? `runs.${Math.floor(rand() * 12)}.${pick(rest)}` : pick(['runs.x.label', 'runs']);
      pairs.push([key, String(i)]);  // the value records the input position
    }
    const copy = pairs.map((p) => [...p]);
    const out = orderPairs(pairs);
    assert.deepEqual(pairs, copy, 'input not modified');
    assert.equal(out.length, pairs.length);
    assert.deepEqual([...out].sort((a, b) => Number(a[1]) - Number(b[1])), pairs, 'a permutation');
    for (let i = 1; i < out.length; i++) {
      const a = rankOf(out[i - 1][0]), b = rankOf(out[i][0]);
      const cmp = a.group - b.group || a.run - b.run || a.sub - b.sub;
      assert.ok(cmp <= 0, `${out[i - 1][0]} before ${out[i][0]}`);
      if (cmp === 0) assert.ok(Number(out[i - 1][1]) < Number(out[i][1]), 'stable');
    }
    assert.deepEqual(orderPairs(out), out, 'idempotent');
  }
});

/* ------------------------------------------------------------- the fuzz */
const KEYS = ['v', 'embed', 'hide', 'autorun', 'seed', 'data.name', 'data.noise', 'model.hidden', 'optimizer.lr',
  'runs.0.label', 'runs.2.schedule.factor', 'runs.7.schedule.milestones', '__proto__', 'constructor',
  'prototype', 'a.__proto__.b', 'x'.repeat(64), 'x'.repeat(65), '', '.', 'a..b', 'data-name', 'ключ'];
const VALUES = ['1', '0', '2', 'true', 'false', '-0', '1e999', 'NaN', 'nan', '0x10', '1e-7', '32,32', ',,', '',
  'setup,find', 'find,bogus', 'spiral', 'moons', '%', '%2', '%ZZ', '%E0%A4%A', '%ED%A0%80', '%00', '%F0%9F%98%80',
  '=', '==', '#', '?', '+', 'a b', '\u2028', '\uD800', '\uDC00x', 'é', '😀', 'x'.repeat(256), 'x'.repeat(257),
  '%41'.repeat(256), '%41'.repeat(257)];

function randomUnicode(rand, n) {
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.5) s += String.fromCharCode(32 + Math.floor(rand() * 95));
    else if (r < 0.7) s += '%&=#.'[Math.floor(rand() * 5)];
    else if (r < 0.85) s += String.fromCharCode(Math.floor(rand() * 0x10000));  // lone surrogates included
    else s += String.fromCodePoint(0x10000 + Math.floor(rand() * 0xEFFFF));
  }
  return s;
}

function randomBytes(rand, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(rand() * 256));
  return s;
}

function randomPairs(rand) {
  const n = Math.floor(rand() * 20);
  const parts = [];
  for (let i = 0; i < n; i++) {
    const k = rand() < 0.8 ? KEYS[Math.floor(rand() * KEYS.length)] : randomUnicode(rand, 1 + Math.floor(rand() * 8));
    const v = rand() < 0.8 ? VALUES[Math.floor(rand() * VALUES.length)] : randomUnicode(rand, Math.floor(rand() * 12));
    parts.push(rand() < 0.05 ? k : `${k}=${v}`);
  }
  return (rand() < 0.8 ? '#' : '') + parts.join(rand() < 0.9 ? '&' : '&&');
}

function mutate(rand, s) {
  let t = s;
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (t.length + 1));
    const r = rand();
    if (r < 0.3) t = t.slice(0, at) + t.slice(at + 1);
    else if (r < 0.6) t = t.slice(0, at) + '%&=#.,_'[Math.floor(rand() * 7)] + t.slice(at);
    else if (r < 0.8) t = t.slice(0, at) + randomUnicode(rand, 3) + t.slice(at);
    else t = t + t.slice(at);  // repeat a tail: repeated keys
  }
  return t;
}

function huge(rand) {
  const r = rand();
  if (r < 0.2) return `#${'seed=1&'.repeat(3000)}`;                                  // cut at 16 KiB
  if (r < 0.4) return `#${Array.from({ length: 4000 }, (_, i) => `k${i}=${VALUES[i % VALUES.length]}`).join('&')}`;
  if (r < 0.6) return `#${Array.from({ length: 600 + Math.floor(rand() * 900) }, (_, i) => `k${i}=${i}`).join('&')}`;  // > 512 pairs
  if (r < 0.8) return randomUnicode(rand, 20000 + Math.floor(rand() * 20000));
  return `#${Array.from({ length: 150 }, (_, i) => `runs.${i}.label=${'é'.repeat(100)}`).join('&')}`;  // grows when written
}

const NOTE_KINDS = [
  ['cut at 16 KiB', /only its start was read/], ['more than 512 pairs', /past the first 512/],
  ['kept within 16 KiB when written', /within 16 KiB/], ['long value', /longer than 256/],
  ['long key', /longer than 64/], ['bad key', /key with characters/], ['reserved key', /reserved key/],
  ['repeated key', /more than once/], ['malformed %', /malformed %/], ['lone surrogate', /broken characters/],
  ['no value', /no value/], ['bad version', /version/], ['newer version', /newer lrplay/], ['bad flag', /must be 0 or 1/],
  ['unknown hide group', /unknown group/], ['notes capped', /more notes/],
];

test('10 000 random and malformed fragments: never throws, documented shape, limits, stable round trip', () => {
  const rand = mulberry32(0x1ea5e);
  const stats = { bytes: 0, unicode: 0, pairs: 0, mutated: 0, huge: 0, notes: 0, kept: 0,
    kinds: Object.fromEntries(NOTE_KINDS.map(([what]) => [what, 0])) };
  for (let i = 0; i < 10000; i++) {
    let input;
    const r = rand();
    if (i % 100 === 99) { input = huge(rand); stats.huge++; }
    else if (r < 0.2) { input = randomBytes(rand, Math.floor(rand() * 300)); stats.bytes++; }
    else if (r < 0.4) { input = randomUnicode(rand, Math.floor(rand() * 300)); stats.unicode++; }
    else if (r < 0.7) { input = randomPairs(rand); stats.pairs++; }
    else { input = mutate(rand, EXAMPLE); stats.mutated++; }
    let out;
    try {
      out = parseFragment(input);
    } catch (e) {
      assert.fail(`parseFragment threw ${e} on ${JSON.stringify(input.slice(0, 200))}`);
    }
    checkShape(out, input);
    // The catch-all in parseFragment is a last resort, never the way an input is handled.
    assert.ok(!out.notes.some((n) => /could not be read/.test(n)), `${out.notes[0]} on ${JSON.stringify(input.slice(0, 200))}`);
    checkRoundTrip(out, input);
    if (out.notes.length) stats.notes++;
    for (const [what, re] of NOTE_KINDS) if (out.notes.some((n) => re.test(n))) stats.kinds[what]++;
    stats.kept += out.pairs.length;
  }
  // The generators reached what they aim at.
  for (const [what, count] of Object.entries(stats.kinds)) assert.ok(count > 0, `no input hit: ${what}`);
  assert.ok(stats.notes > 5000, JSON.stringify(stats));
  assert.ok(stats.kept > 10000, JSON.stringify(stats));
  assert.equal(({}).polluted, undefined);
});
