// links-core.test.mjs — experiments as links, in Node: configFromPairs (a link's pairs
// through the core in clamp mode: always a valid config, notes for every correction), the round
// trip config -> link -> config, 10 000 random and malformed fragments, and the text the page
// hands out (export.js): the CLI command (run through bash with hostile labels), CSV against the
// CLI's --csv, the <iframe> snippet and the postMessage shape.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, run } from './native.mjs';
import { nativeBin } from './wasm-util.mjs';
import { sameBits } from './compare.mjs';
import { loadCore, toJSON } from '../../web/js/core.js';
import {
  parseFragment, formatFragment, pairsFromFields, configFromPairs, linkFields, LIMITS, HIDE_GROUPS,
} from '../../web/js/link.js';
import {
  experimentLink, commandText, findCsv, trainCsv, embedSnippet, message, resultJSON, trainResult, escapeAttr, EMBED_HEIGHT,
} from '../../web/js/export.js';

let core;
before(async () => { core = await loadCore(); });

const linkOf = (config, view) => formatFragment({ pairs: pairsFromFields(linkFields(core, config)), view });
const open = (hash) => {
  const l = parseFragment(hash);
  const r = configFromPairs(core, l.pairs);
  return { ...r, view: l.view, linkNotes: l.notes };
};
const same = (a, b, what) => {
  assert.equal(sameBits(a, b), null, what);
  assert.equal(JSON.stringify(a, (k, v) => (typeof v === 'number' ? 0 : v)), JSON.stringify(b, (k, v) => (typeof v === 'number' ? 0 : v)), what);
};
/** The config must be one the strict reader takes as it is. */
function assertValid(config, what) {
  let back;
  assert.doesNotThrow(() => { back = core.readConfig(config, { mode: 'strict' }).config; }, what);
  assert.deepEqual(back, config, `${what}: canonical`);
}

// A small seeded generator (mulberry32) so that a failure can be replayed.
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
  const pick = (arr) => arr[int(arr.length)];
  return { next, int, pick };
}

test('linkFields: the field walk as pairsFromFields takes it', () => {
  const d = core.defaultConfig();
  const f = linkFields(core, d);
  assert.ok(f.length > 40);
  for (const x of f) {
    assert.deepEqual(Object.keys(x), ['name', 'type', 'value', 'isDefault']);
    assert.equal(typeof x.name, 'string');
    assert.equal(typeof x.isDefault, 'boolean');
  }
  assert.deepEqual(f.find((x) => x.name === 'model.hidden'), { name: 'model.hidden', type: 'int_list', value: [32, 32], isDefault: true });
  assert.equal(f.find((x) => x.name === 'runs.2.schedule.flavor').value, 'keras');
  // Only the kind names and labels of the default config are written.
  const pairs = pairsFromFields(f);
  assert.ok(pairs.every(([k]) => /(^|\.)name$|\.label$|\.flavor$|^runs\.\d+\.(optimizer\.(lr|decay)|schedule\.(factor|patience|min_delta|min_lr|max_lr))$/.test(k)), JSON.stringify(pairs));
  assert.throws(() => linkFields(core, { epochs: 1e9 }), /epochs/);   // a config, not a link: strict
});

test('configFromPairs: clamps, ignores, explains, and always gives a valid config', () => {
  const r = open('#v=1&epochs=1e9&model.hidden=1000000000,1e9&data.samples=1e6&batch_size=-5&foo=1' +
    '&optimizer.name=%3Cimg%3E&data.noise=abc&runs.0.label=%3Cscript%3Ex%3C%2Fscript%3E&runs.0.schedule.name=cosine' +
    '&runs.0.schedule.T_max=abc&runs.9.label=nine&find.use_val=maybe');
  assert.equal(r.config.epochs, 1000);
  // Each size is clamped to its limit, and together they must stay within the time a config may
  // ask for (LIMITS.MAX_SECONDS of the cost model): 1 000 epochs at batch 1 leave no room for
  // 2 x 512 units, nor for 20 000 samples (20 million steps).
  assert.deepEqual(r.config.model.hidden, [32, 32]);
  assert.equal(r.config.data.samples, 600);
  assert.equal(r.config.batch_size, 1);
  assert.equal(r.config.optimizer.name, 'adam');
  assert.equal(r.config.data.noise, 0.2);
  assert.equal(r.config.find.use_val, false);
  assert.equal(r.config.runs.length, 1, 'a link with runs replaces the default runs');
  assert.equal(r.config.runs[0].label, '<script>x</script>');
  assert.equal(r.config.runs[0].schedule.name, 'cosine');
  const notes = r.notes.join('\n');
  assert.doesNotMatch(notes, /set to 512/, 'an undone pair leaves no note of what it corrected');
  for (const want of [/epochs: 1000000000 is out of range, set to 1000/,
    /model\.hidden="1000000000,1e9" does not fit with the rest \(epochs: training would take about [\d.]+ s \(limit 15 s\); reduce epochs, .*\); ignored/,
    /data\.samples="1e6" does not fit with the rest \(epochs: training would take about [\d.]+ s \(limit 15 s\); .*raise batch_size\); ignored/, /batch_size: -5 is out of range/, /foo: unknown field \(ignored\)/,
    /optimizer\.name: unknown value.*\(ignored\)/, /data\.noise: "abc" is not a number \(ignored\)/,
    /runs\.0\.schedule\.T_max: "abc" is not a number \(ignored\)/, /runs\.9\.label: .*\(ignored\)/, /find\.use_val: must be true or false/]) {
    assert.match(notes, want);
  }
  assertValid(r.config, 'clamped link');

  // Alone, a width of 1e9 is clamped to 512.
  const wide = open('#model.hidden=1e9');
  assert.deepEqual(wide.config.model.hidden, [512]);
  assert.deepEqual(wide.notes, ['model.hidden[0]: 1000000000 is out of range, set to 512']);
  // A pair that does not fit yet is undone, then tried again at the end (start before end).
  let q = open('#find.start_lr=20&find.end_lr=100');
  assert.equal(q.config.find.start_lr, 20);
  assert.equal(q.config.find.end_lr, 100);
  assert.deepEqual(q.notes, []);
  // One that never fits is undone with a note, and the rest stays.
  q = open('#find.start_lr=20&epochs=7');
  assert.equal(q.config.find.start_lr, 1e-6);
  assert.equal(q.config.epochs, 7);
  assert.match(q.notes.join('\n'), /find\.start_lr="20" does not fit with the rest \(find\.end_lr: must be greater than find\.start_lr.*\); ignored/);
  assertValid(q.config, 'undone pair');

  // No runs.N key: the default runs stay; a malformed one does not clear them either.
  assert.equal(open('#epochs=3').config.runs.length, 5);
  assert.equal(open('#runs.x.label=a').config.runs.length, 5);
  // A later run index activates the runs before it, as the core does.
  const gap = open('#runs.2.label=third');
  assert.deepEqual(gap.config.runs.map((x) => x.label), ['run 1', 'run 2', 'third']);
  // Kinds first, whatever the order in the link.
  const order = open('#runs.0.schedule.factor=0.25&runs.0.schedule.flavor=keras&runs.0.schedule.name=reduce_on_plateau&optimizer.momentum=0.9&optimizer.name=sgd');
  assert.equal(order.config.runs[0].schedule.factor, 0.25);
  assert.equal(order.config.runs[0].schedule.flavor, 'keras');
  assert.equal(order.config.optimizer.momentum, 0.9);
  assert.deepEqual(order.notes, []);
  // `base` is the starting point; a broken base falls back to the defaults with a note.
  const based = configFromPairs(core, [['epochs', '9']], { base: { seed: 5, data: { name: 'moons' } } });
  assert.equal(based.config.seed, 5);
  assert.equal(based.config.data.name, 'moons');
  assert.equal(based.config.epochs, 9);
  const broken = configFromPairs(core, [], { base: 'nope' });
  assert.deepEqual(broken.config, core.defaultConfig());
  assert.match(broken.notes[0], /starting config could not be used/);
  // Garbage in: no throw.
  for (const bad of [null, undefined, 42, 'x', [null], [[1]], [['epochs']], [[{}, []]], [['a'.repeat(10000), '1']]]) {
    assertValid(configFromPairs(core, bad).config, `pairs ${String(bad).slice(0, 20)}`);
  }
  // Notes are capped.
  const many = configFromPairs(core, Array.from({ length: 300 }, (_, i) => [`nope${i}`, '1']));
  assert.equal(many.notes.length, 40);
  assert.match(many.notes[39], /and 261 more notes/);
});

test('round trip: config -> link -> config is the same config, for the default, tests/configs and 120 random ones', () => {
  const configs = [core.defaultConfig()];
  for (const f of ['spiral-small', 'digits-small', 'moons-keras', 'sine-sgd']) {
    configs.push(core.readConfig(JSON.parse(readFileSync(path.join(root, 'tests/configs', `${f}.json`), 'utf8'))).config);
  }
  // Random configs: random valid edits through the same schema the page edits with.
  const R = rng(12345);
  const words = ['spiral', 'circles', 'xor', 'gauss', 'moons', 'sine', 'digits', 'relu', 'tanh', 'gelu', 'sigmoid',
    'adam', 'adamw', 'sgd', 'keras_adam', 'cosine', 'onecycle', 'step', 'multistep', 'reduce_on_plateau', 'cyclic',
    'exponential', 'linear', 'inverse_time', 'cosine_warm_restarts', 'keras', 'torch', 'batch', 'epoch', 'max', 'abs', 'lin'];
  const labels = ['a', 'plateau — keras', '<b>x</b>', 'quote " and \' and & and =1', 'ünïcødé 🎛', '   ', '%41', '#frag&x=1'];
  for (let n = 0; n < 120; n++) {
    let c = core.defaultConfig();
    for (let k = 0; k < 8; k++) {
      const all = linkFields(core, c);
      const fields = all.filter((f) => f.name !== 'version');
      const f = R.pick(fields);
      let text;
      if (f.type === 'number') text = String(R.pick([0, 1, 0.5, 1e-7, 3.25, 0.999, 1e3, 7e-3, 123456.789, 2 ** -30]) * (R.next() < 0.1 ? -1 : 1));
      else if (f.type === 'int') text = String(R.int(60));
      else if (f.type === 'bool') text = R.pick(['true', 'false']);
      else if (f.type === 'int_list') text = Array.from({ length: R.int(4) }, () => 1 + R.int(40)).join(',');
      else if (f.type === 'string') text = R.pick(labels);
      else text = R.pick(words);
      const pairs = pairsFromFields(all);
      pairs.push([f.name, text]);
      c = configFromPairs(core, pairs).config;
    }
    if (R.next() < 0.3) c = configFromPairs(core, [...pairsFromFields(linkFields(core, c)), [`runs.${c.runs.length}.label`, R.pick(labels)]]).config;
    configs.push(c);
  }
  let longest = 0, kinds = new Set();
  for (const [i, c] of configs.entries()) {
    assertValid(c, `config ${i}`);
    const hash = linkOf(c, { embed: i % 2 === 0, hide: i % 3 ? [] : ['setup', 'export'], autorun: i % 5 === 0 });
    longest = Math.max(longest, hash.length);
    const back = open(hash);
    assert.deepEqual(back.notes, [], `config ${i}: ${hash}`);
    assert.deepEqual(back.linkNotes, [], `config ${i}`);
    same(back.config, c, `config ${i}: ${hash}`);
    assert.equal(back.view.embed, i % 2 === 0);
    assert.equal(back.view.autorun, i % 5 === 0);
    assert.ok(hash.length <= LIMITS.fragmentChars);
    for (const r of c.runs) kinds.add(r.schedule.name);
    kinds.add(c.data.name);
  }
  console.log(`links: ${configs.length} configs round-trip through their links (longest ${longest} characters; ${kinds.size} kinds seen)`);
  assert.ok(kinds.size >= 10, `the random configs cover few kinds: ${[...kinds]}`);
});

test('10 000 random and malformed fragments: never a throw, always a config the strict reader accepts', () => {
  const R = rng(2024);
  const keys = linkFields(core, core.defaultConfig()).map((f) => f.name)
    .concat(['runs.7.label', 'runs.3.schedule.name', 'runs.0.schedule.milestones', 'runs.1.optimizer.momentum', 'v', 'embed',
      'hide', 'autorun', '__proto__', 'constructor.prototype', 'runs.__proto__.label', 'runs.99.label', 'runs.-1.label',
      'runs..label', '.', '', 'data.', 'épsilon', 'a b', 'optimizer.lr.x', 'version']);
  const values = ['0', '1', '-1', '1e9', '-1e9', '1e308', '1e309', '-0', 'NaN', 'nan', 'inf', '-inf', 'Infinity', '0x10', '1e-320',
    '', ' ', '1,2,3', ',,', '1,,2', '999999999999999999999', '0.5', 'true', 'false', 'maybe', 'adam', 'sgd', 'cosine',
    'reduce_on_plateau', 'keras', 'digits', '%', '%zz', '%E0%A4%A', '%00', '%0A', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    '"><script>alert(1)</script>', 'javascript:alert(1)', '\u2028', '%F0%9F%8E%9B', 'x'.repeat(300), '1,'.repeat(70)];
  const chars = 'ab.=&#%0123456789,-_eE+xX<>"\' \u00e9\ud83c';   // with a lone surrogate
  const encode = (v) => { try { return encodeURIComponent(v); } catch { return v; } };
  let total = 0, withNotes = 0, maxNotes = 0, maxMs = 0;
  const t0 = Date.now();
  for (let n = 0; n < 10000; n++) {
    let frag;
    const mode = n % 4;
    if (mode === 3) {
      // Raw noise.
      frag = Array.from({ length: R.int(200) }, () => chars[R.int(chars.length)]).join('');
    } else {
      const parts = [];
      if (R.next() < 0.8) parts.push(`v=${R.pick(['1', '0', '2', 'x', '', '999999999999'])}`);
      const k = R.int(mode === 2 ? 80 : 16);
      for (let i = 0; i < k; i++) {
        const key = R.next() < 0.9 ? R.pick(keys) : Array.from({ length: R.int(12) }, () => chars[R.int(chars.length)]).join('');
        const val = R.next() < 0.9 ? R.pick(values) : Array.from({ length: R.int(30) }, () => chars[R.int(chars.length)]).join('');
        parts.push(R.next() < 0.05 ? key : `${key}=${R.next() < 0.7 ? encode(val) : val}`);
      }
      frag = (R.next() < 0.5 ? '#' : '') + parts.join('&');
    }
    const s = Date.now();
    let r;
    assert.doesNotThrow(() => { r = open(frag); }, frag);
    maxMs = Math.max(maxMs, Date.now() - s);
    assert.ok(Array.isArray(r.notes) && r.notes.every((x) => typeof x === 'string'));
    assert.ok(r.notes.length <= 40);
    if (r.notes.length) withNotes++;
    maxNotes = Math.max(maxNotes, r.notes.length);
    assertValid(r.config, frag);
    assert.ok(r.config.epochs <= 1000 && (r.config.data.samples ?? 0) <= 20000 && r.config.runs.length <= 8, `${frag} -> ${JSON.stringify([r.config.epochs, r.config.data, r.config.runs.length])}`);
    assert.ok(r.config.model.hidden.every((w) => w <= 512) && r.config.model.hidden.length <= 6);
    total++;
  }
  console.log(`links: ${total} random fragments in ${Date.now() - t0} ms (slowest ${maxMs} ms); ${withNotes} with notes, at most ${maxNotes}`);
});

test('an old link keeps opening: a version-0 link through a rename table', () => {
  const FAKE = { 0: { renames: [['data.set', 'data.name'], ['runs.*.sched.*', 'runs.*.schedule.*']] } };
  const l = parseFragment('#v=0&data.set=moons&runs.0.sched.name=cosine&runs.0.sched.T_max=7', { migrations: FAKE });
  const r = configFromPairs(core, l.pairs);
  assert.equal(r.config.data.name, 'moons');
  assert.equal(r.config.runs[0].schedule.name, 'cosine');
  assert.equal(r.config.runs[0].schedule.T_max, 7);
  assert.deepEqual(r.notes, []);
});

// Labels that try to break out of every kind of quoting the exports use.
const HOSTILE = ["it's", 'EOF', "'EOF'", '$(touch /tmp/lrplay-pwned)', '`id`', '"; rm -rf / #', '\\', '\\n',
  '=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', 'ünï 🎛', '</script><img src=x onerror=alert(1)>', 'a,b"c'];

test('Copy as command: the shell runs exactly the config, for any label', () => {
  const config = core.readConfig({
    seed: 3, data: { name: 'moons', samples: 120 }, model: { hidden: [6] }, epochs: 2, find: { num_iter: 12 },
    runs: HOSTILE.map((label, i) => ({ label, schedule: { name: i % 2 ? 'cosine' : 'constant' } })).slice(0, 8),
  }).config;
  for (const kind of ['find', 'train']) {
    const cmd = commandText(kind, config, { program: JSON.stringify(nativeBin) });
    assert.match(cmd, new RegExp(`^"[^"]+" ${kind} - <<'EOF'\\n\\{.*\\}\\nEOF\\n$`));
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout);
    same(got.config, config, `${kind}: the config the shell passed`);
    if (kind === 'train') assert.deepEqual(got.runs.map((x) => x.label), config.runs.map((x) => x.label));
  }
  assert.throws(() => commandText('spec', config), TypeError);
  assert.match(commandText('train', config), /^npx lrplay train - <<'EOF'\n/);
});

test('CSV exports hold the curves of the results JSON, as the CLI writes them', async () => {
  const config = core.readConfig({
    seed: 4, data: { name: 'spiral', samples: 150 }, model: { hidden: [8] }, epochs: 3, find: { num_iter: 20 },
    runs: [{ label: 'plain' }, { label: 'with "quotes", commas', schedule: { name: 'cosine' } }, { label: '=cmd' }],
  }).config;
  const find = await core.find(config);
  const train = await core.train(config);
  const cliFind = JSON.parse(run(nativeBin, ['find', '-'], JSON.stringify(config)).stdout);
  same(find, cliFind, 'find JSON = CLI');
  // The page trains run by run in workers and puts the runs together: still the CLI's JSON.
  const one = await Promise.all([2, 0, 1].map((i) => core.train(config, { runs: [i] })));
  const glued = trainResult(core.version, one[0].config, one.map((x) => x.runs[0]));
  same(glued, train, 'runs trained one by one = all at once');
  same(JSON.parse(resultJSON(glued)), JSON.parse(run(nativeBin, ['train', '-'], JSON.stringify(config)).stdout), 'train JSON = CLI');

  const parseCsv = (text) => {
    const lines = text.trimEnd().split('\n');
    const rows = lines.slice(1).map((line) => {
      const out = [];
      const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
      let m;
      while ((m = re.exec(line)) && m[0] !== '') { out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]); if (!m[2]) break; }
      return out;
    });
    return { header: lines[0], rows };
  };
  const num = (s) => (s === 'nan' ? null : Number(s));
  const fc = parseCsv(findCsv(find));
  assert.equal(fc.header, 'step,lr,loss,smoothed');
  assert.equal(fc.rows.length, find.find.lr.length);
  fc.rows.forEach((r, i) => {
    assert.equal(Number(r[0]), i);
    assert.equal(sameBits([num(r[1]), num(r[2]), num(r[3])], [find.find.lr[i], find.find.loss[i], find.find.smoothed[i]]), null, `find row ${i}`);
  });
  // The native --csv has the same numbers.
  const nfc = parseCsv(run(nativeBin, ['find', '-', '--csv'], JSON.stringify(config)).stdout);
  assert.deepEqual(nfc.rows.map((r) => r.map(num)), fc.rows.map((r) => r.map(num)));

  const tc = parseCsv(trainCsv(train));
  assert.equal(tc.header, 'run,label,epoch,lr,train_loss,val_loss,val_acc');
  assert.equal(tc.rows.length, train.runs.reduce((a, r) => a + r.epochs, 0));
  let k = 0;
  for (const r of train.runs) {
    for (let e = 0; e < r.epochs; e++, k++) {
      const row = tc.rows[k];
      assert.equal(Number(row[0]), r.index);
      assert.equal(row[1], r.label === '=cmd' ? "'=cmd" : r.label, 'labels: quoted; a formula is defused');
      assert.equal(Number(row[2]), e + 1);
      assert.equal(sameBits(row.slice(3).map(num), [r.lr[e], r.train_loss[e], r.val_loss[e], r.val_acc[e]]), null, `train row ${k}`);
    }
  }
});

test('the embed snippet and the message shape', () => {
  const src = experimentLink(core, 'https://example.org/lrplay/?flavor=scalar#old', core.defaultConfig(), { embed: true, hide: ['setup'], autorun: true });
  assert.match(src, /^https:\/\/example\.org\/lrplay\/\?flavor=scalar#v=1&/);
  assert.match(src, /&embed=1&hide=setup&autorun=1$/);
  const html = embedSnippet(src, { height: 640 });
  assert.match(html, /^<iframe src="[^"<>]*" title="[^"]*" width="100%" height="640" sandbox="allow-scripts" loading="lazy"><\/iframe>$/);
  assert.ok(html.includes(escapeAttr(src)) && html.includes('&amp;embed=1'));
  assert.match(embedSnippet('x', { height: 1e9 }), /height="4000"/);
  assert.match(embedSnippet('x', { height: 'abc' }), new RegExp(`height="${EMBED_HEIGHT}"`));
  assert.equal(escapeAttr('a"b<c>&\''), 'a&quot;b&lt;c&gt;&amp;\'');
  // A hostile label stays inside the attribute.
  const c = core.readConfig({ runs: [{ label: '"><script>alert(1)</script>' }] }).config;
  const h = embedSnippet(experimentLink(core, 'http://x/', c, { embed: true }));
  assert.equal((h.match(/"/g) || []).length % 2, 0);
  assert.ok(!h.includes('<script'));
  assert.equal(HIDE_GROUPS.join(), 'setup,find,train,results,export');
  assert.deepEqual(message('ready', { config: { a: 1 } }), { source: 'lrplay', version: 1, type: 'ready', config: { a: 1 } });
  assert.deepEqual(message('error', { message: 'x' }), { source: 'lrplay', version: 1, type: 'error', message: 'x' });
  assert.throws(() => message('hello'), TypeError);
  assert.equal(toJSON(message('find', { result: { lr: [-0] } })), '{"source":"lrplay","version":1,"type":"find","result":{"lr":[-0]}}');
});
