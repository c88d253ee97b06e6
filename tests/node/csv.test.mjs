// Your own data: CSV files through every runner — the native CLI (and its ASan/UBSan build when
// present), and bin/lrplay.mjs on both WebAssembly flavors.
//   - every malformed file of tests/data-bad (and three made here: too many rows, too many
//     columns, a 100 MB file) exits 2 with the same one line, naming row and column;
//   - find and train on a CSV config print the same bytes everywhere;
//   - a built-in table gives the numbers of the same data fed as CSV (find and train);
//   - the canonical config records the file's name, SHA-256 (as sha256sum/node:crypto), shape,
//     target and task; --data overrides data.path;
//   - data, init and export of a csv config (its file given the same way) print the same bytes;
//   - the JS API: loadData, column(), sha256, dataset/readConfig with data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, openSync, ftruncateSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asanBin, root, run } from './native.mjs';
import { runNode, nativeBin, FLAVORS } from './wasm-util.mjs';
import { loadCore } from '../../web/js/core.js';

const badDir = path.join(root, 'tests', 'data-bad');
const cases = JSON.parse(readFileSync(path.join(badDir, 'cases.json'), 'utf8'));
const tmp = mkdtempSync(path.join(tmpdir(), 'lrplay-csv-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** Every runner on the same arguments: [{name, status, stdout, stderr}]. */
function everyRunner(args, cwd = root) {
  const out = [];
  const native = (bin, name) => {
    const r = spawnSync(bin, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120000 });
    out.push({ name, status: r.status, stdout: r.stdout, stderr: r.stderr });
  };
  native(nativeBin, 'native');
  if (existsSync(asanBin)) native(asanBin, 'asan');
  for (const f of FLAVORS) {
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'lrplay.mjs'), ...args, '--flavor', f],
      { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300000, env: { ...process.env, LRPLAY_FLAVOR: '' } });
    out.push({ name: `wasm-${f}`, status: r.status, stdout: r.stdout, stderr: r.stderr });
  }
  return out;
}

function writeConfig(name, data) {
  const file = path.join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify({ data: { name: 'csv', ...data } }));
  return file;
}

function expectRefused(args, message) {
  for (const r of everyRunner(args)) {
    assert.equal(r.status, 2, `${r.name}: exit ${r.status}; ${r.stderr}`);
    assert.equal(r.stdout, '', r.name);
    assert.equal(r.stderr, `lrplay: ${message}\n`, r.name);
  }
}

assert.ok(cases.length >= 20 && new Set(cases.map((c) => c.file)).size >= 20, 'at least 20 malformed files');
for (const c of cases) {
  test(`bad CSV: ${c.name ?? c.file} (every runner)`, () => {
    const data = { path: path.join(badDir, c.file) };
    for (const k of ['target', 'task', 'sha256']) if (c[k] !== undefined) data[k] = c[k];
    expectRefused(['find', writeConfig(c.file, data)], c.message);
  });
}

test('bad CSV: the limits, made here (every runner, and --data)', () => {
  const rows = path.join(tmp, 'rows.csv');
  writeFileSync(rows, 'a,b\n' + '1,0\n'.repeat(20001));
  expectRefused(['find', writeConfig('rows', {}), '--data', rows], 'data: row 20002: more than 20000 data rows');
  const cols = path.join(tmp, 'cols.csv');
  writeFileSync(cols, Array(514).fill('1').join(',') + '\n' + Array(514).fill('2').join(',') + '\n');
  expectRefused(['find', writeConfig('cols', { path: cols })], 'data: row 1 has more than 513 columns (at most 512 features and the target)');
  const big = path.join(tmp, 'big.csv');   // 100 MB, sparse: refused by its size, never read
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 100 * 1000 * 1000);
  closeSync(fd);
  expectRefused(['find', writeConfig('big', { path: big })], `data: "${big}" is 100000000 bytes; at most 64 MiB`);
  expectRefused(['find', writeConfig('none', { path: path.join(tmp, 'no-such.csv') })], `data: cannot open "${path.join(tmp, 'no-such.csv')}"`);
  expectRefused(['find', writeConfig('nopath', {})], 'data.path: missing: name the CSV file (or give --data FILE)');
});

/* ------------------------------------------------------------ same numbers */
const SMALL = { epochs: 3, find: { num_iter: 30 }, model: { hidden: [16] } };

function sameEverywhere(args) {
  const rs = everyRunner(args);
  for (const r of rs) assert.equal(r.status, 0, `${r.name}: ${r.stderr}`);
  // the same bytes (every runner prints %.17g), not only the same doubles
  for (const r of rs.slice(1)) assert.equal(r.stdout, rs[0].stdout, `${r.name} differs from native`);
  return JSON.parse(rs[0].stdout);
}

test('find and train on a CSV config: the same bytes on every runner', () => {
  const csv = path.join(tmp, 'mixed.csv');
  // semicolons, CRLF, a BOM, quoted names, a text target
  const lines = ['\uFEFF"x 1";"x;2";kind'];
  for (let i = 0; i < 90; i++) lines.push(`${(i * 0.37) % 5};${((i * 7) % 11) / 3};${i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : '"c, d"'}`);
  writeFileSync(csv, lines.join('\r\n') + '\r\n');
  const cfg = path.join(tmp, 'mixed-cfg.json');
  writeFileSync(cfg, JSON.stringify({ ...SMALL, data: { name: 'csv', path: csv, target: 'kind' } }));
  const f = sameEverywhere(['find', cfg]);
  assert.equal(f.config.data.separator, 'semicolon');
  assert.equal(f.config.data.outputs, 3);
  sameEverywhere(['train', cfg]);
});

test('a built-in table gives the numbers of the same data as CSV (find and train)', () => {
  for (const [name, task] of [['iris', 'classification'], ['diabetes', 'regression']]) {
    const builtin = path.join(tmp, `${name}-builtin.json`);
    writeFileSync(builtin, JSON.stringify({ ...SMALL, data: { name } }));
    const asCsv = path.join(tmp, `${name}-csv.json`);
    writeFileSync(asCsv, JSON.stringify({ ...SMALL, data: { name: 'csv', path: path.join(root, 'data', `${name}.csv`), task } }));
    for (const cmd of ['find', 'train']) {
      const a = sameEverywhere([cmd, builtin]), b = sameEverywhere([cmd, asCsv]);
      if (cmd === 'find') assert.deepEqual(b.find, a.find, `${name}: find`);
      else assert.deepEqual(b.runs, a.runs, `${name}: train`);
    }
  }
});

test('the canonical config records name, SHA-256, shape, target and task; --data overrides the path', () => {
  const file = path.join(root, 'data', 'wine.csv');
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  const tool = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  if (tool.status === 0) assert.equal(tool.stdout.split(' ')[0], sha, 'sha256sum');
  const r = sameEverywhere(['config', writeConfig('other', { path: 'elsewhere/x.csv', target: 'class' }), '--data', file]);
  assert.deepEqual(r.data, {
    name: 'csv', path: 'wine.csv', sha256: sha, rows: 178, columns: 14, target: 'class', task: 'classification',
    outputs: 3, header: 'yes', separator: 'comma', standardize: true, val_frac: 0.2,
  });
  // --data on a config of another data set makes it csv; a relative data.path is read from the current directory
  assert.equal(sameEverywhere(['config', '--data', file]).data.sha256, sha);
  const rel = path.join(tmp, 'rel.json');
  writeFileSync(rel, JSON.stringify({ data: { name: 'csv', path: 'data/wine.csv' } }));
  assert.equal(sameEverywhere(['config', rel]).data.path, 'wine.csv');
  // the canonical config read again with the same file gives itself
  const again = path.join(tmp, 'again.json');
  writeFileSync(again, JSON.stringify({ ...r, data: { ...r.data, path: file } }));
  assert.deepEqual(sameEverywhere(['config', again]), r);
});

test('data, init and export of a csv config: its file through --data or data.path, the same bytes everywhere', () => {
  const file = path.join(root, 'data', 'iris.csv');
  const small = path.join(tmp, 'replay-small.json');
  writeFileSync(small, JSON.stringify({ ...SMALL, data: { name: 'csv', path: file } }));
  for (const args of [['data', small, '--csv'], ['init', small], ['export', small, '--run', '1'], ['data', writeConfig('x', {}), '--data', file]]) {
    const rs = everyRunner(args);
    for (const r of rs) assert.equal(r.status, 0, `${args.join(' ')}: ${r.name}: ${r.stderr}`);
    for (const r of rs.slice(1)) assert.equal(r.stdout, rs[0].stdout, `${args.join(' ')}: ${r.name} differs from native`);
  }
  // the script embeds the file's rows: as many as the data set of the same config
  const d = JSON.parse(run(nativeBin, ['data', small]).stdout);
  assert.equal(d.n_train + d.n_val, 150);
  assert.match(run(nativeBin, ['export', small]).stdout, /"sha256":"[0-9a-f]{64}"/);
  // without the file: one line, as for find and train
  expectRefused(['export', writeConfig('nofile', {})], 'data.path: missing: name the CSV file (or give --data FILE)');
  expectRefused(['init', writeConfig('nofile2', { path: path.join(tmp, 'no-such.csv') })], `data: cannot open "${path.join(tmp, 'no-such.csv')}"`);
  expectRefused(['spec', writeConfig('spec', {}), '--data', file], '--data: only for find, train, data, init, export and config');
});

/* ------------------------------------------------------------ the JS API */
test('JS API: loadData, columns, sha256, and data given to readConfig/dataset/find', async () => {
  for (const flavor of FLAVORS) {
    const core = await loadCore({ flavor });
    const bytes = readFileSync(path.join(root, 'data', 'iris.csv'));
    const t = core.loadData(bytes, { name: '/tmp/iris.csv' });
    assert.equal(t.name, 'iris.csv');
    assert.equal(t.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(core.sha256(bytes), t.sha256);
    assert.equal(core.sha256(new Uint8Array(0)), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(t.rows, 150);
    assert.deepEqual(t.columns.map((c) => c.numeric), [true, true, true, true, false]);
    assert.equal(t.column(0)[0], 5.1);
    assert.equal(t.column(4)[149], 'virginica');
    const cfg = { data: { name: 'csv' } };
    const viaTable = core.readConfig(cfg, { data: t }).config;
    assert.equal(viaTable.data.path, 'iris.csv');
    assert.deepEqual(core.dataset(cfg, { data: t }), core.dataset(cfg, { data: bytes }));
    assert.deepEqual(core.dataset(cfg, { data: t }), core.dataset({ data: { name: 'iris' } }));
    const small = { ...SMALL, data: { name: 'csv', header: 'yes' } };
    const a = await core.find(small, { data: t }), b = await core.find({ ...SMALL, data: { name: 'iris' } });
    assert.deepEqual(a.find, b.find);
    await assert.rejects(core.find(cfg), /data: no data for data.path/);
    assert.throws(() => core.loadData(readFileSync(path.join(badDir, 'nul-byte.csv'))),
      { message: 'data: row 3: a NUL byte at byte 19; this is not a UTF-8 text file', status: 'LRP_EINVAL' });
    t.free();
    assert.throws(() => t.column(0), /freed/);
  }
});

test('c_src/tables_data.h is what scripts/gen_tables.mjs makes of data/*.csv', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'gen_tables.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
