// "Copy as PyTorch" under real PyTorch: every snippet of a table of configs (every optimizer,
// every schedule kind and interval, plateau in both flavors, Keras' decay, floors, warm-up, early
// stopping, the split rule, the run-length defaults) runs under /usr/bin/python3 with Debian's
// python3-torch, with no exception, and its per-epoch rates equal `lrplay train`'s for the same
// run to 1e-12 relative.
//
// The snippets train on stand-in data (or scikit-learn's digits), so their validation metrics are
// not lrplay's. Where the rates depend on them (plateau, early stopping) the harness feeds the
// snippet lrplay's own val_loss/val_acc of each epoch: the `val_loss, val_acc = evaluate()` line of
// the epoch loop is replaced (in the parsed tree, the snippet text is unchanged) by lrplay's values,
// so the snippet's ReduceLROnPlateau and early-stopping code decide on the same numbers.
//
// The interpreter is /usr/bin/python3 (a python3 earlier on PATH may lack torch), or
// LRP_TORCH_PYTHON. LRP_NO_TORCH=1 skips this file (scripts/setup.sh then installs no torch);
// otherwise a missing torch fails the test with what to install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { toPyTorch } from '../../web/js/snippets.js';
import { nativeBin, run } from './native.mjs';
import { TABLE } from './snippets-torch-table.mjs';

const PY = process.env.LRP_TORCH_PYTHON || '/usr/bin/python3';
const skip = process.env.LRP_NO_TORCH === '1' ? 'LRP_NO_TORCH=1' : false;

// One python process runs every job [{src, feed?: [[val_loss, val_acc], ...]}] in turn, each in a
// fresh namespace with its output captured, and returns [{history} | {error}].
const HARNESS = String.raw`
import ast, contextlib, io, json, math, sys, traceback, warnings
import torch
torch.set_num_threads(1)

def feed_metrics(tree, feed):
    """Replaces the epoch loop's 'val_loss, val_acc = evaluate()' by lrplay's metrics of that epoch."""
    loops = [n for n in tree.body if isinstance(n, ast.For) and getattr(n.target, 'id', '') == 'epoch']
    assert len(loops) == 1, 'no single epoch loop'
    hits = 0
    for stmt in loops[0].body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Tuple) \
                and [getattr(e, 'id', '') for e in stmt.targets[0].elts] == ['val_loss', 'val_acc']:
            stmt.value = ast.parse('__lrp_feed[epoch]', mode='eval').body
            hits += 1
    assert hits == 1, 'no single "val_loss, val_acc = ..." in the epoch loop'
    ast.fix_missing_locations(tree)

def clean(v):
    return [None if isinstance(x, float) and not math.isfinite(x) else x for x in v]

out = []
for j in json.load(sys.stdin):
    buf = io.StringIO()
    r = {}
    try:
        tree = ast.parse(j['src'])
        ns = {'__name__': '__main__'}
        if j.get('feed') is not None:
            feed_metrics(tree, j['feed'])
            ns['__lrp_feed'] = [tuple(float('nan') if x is None else x for x in m) for m in j['feed']]
        with contextlib.redirect_stdout(buf), warnings.catch_warnings():
            warnings.simplefilter('ignore')
            exec(compile(tree, '<snippet>', 'exec'), ns)
        r['history'] = {k: clean(v) for k, v in ns['history'].items()}
    except BaseException:
        r['error'] = traceback.format_exc(limit=4)
    r['stdout'] = buf.getvalue()[-600:]
    out.append(r)
json.dump(out, sys.stdout)
`;

function python(jobs) {
  const p = spawnSync(PY, ['-c', HARNESS], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300000 });
  if (p.error) throw p.error;
  assert.equal(p.status, 0, `${PY} harness: ${p.stderr}`);
  return JSON.parse(p.stdout);
}

/** The largest relative difference of two rate lists (a zero rate must be matched exactly). */
function maxRel(got, want) {
  let m = 0;
  want.forEach((w, i) => {
    const d = w === 0 ? (got[i] === 0 ? 0 : Infinity) : Math.abs(got[i] - w) / Math.abs(w);
    m = Math.max(m, Number.isNaN(d) ? Infinity : d);
  });
  return m;
}

const torchCheck = skip ? null : spawnSync(PY, ['-c', 'import torch, numpy, sklearn; print(torch.__version__)'], { encoding: 'utf8' });

test('the interpreter has torch, numpy and scikit-learn', { skip }, () => {
  assert.ok(torchCheck.status === 0, `${PY} cannot import torch, numpy and sklearn (${(torchCheck.stderr || String(torchCheck.error)).trim().split('\n').pop()}): `
    + 'run scripts/setup.sh (Debian python3-torch python3-numpy python3-sklearn), or set LRP_NO_TORCH=1 to skip these tests');
});

test('every "Copy as PyTorch" snippet of the table runs under PyTorch with lrplay\'s rates', { skip }, (t) => {
  assert.ok(torchCheck.status === 0, 'no torch (see the test above)');
  const jobs = [];
  const meta = [];
  for (const c of TABLE) {
    // `expect` is the table's, not a config field.
    const expects = c.config.runs.map((rc) => rc.expect ?? {});
    const config = { ...c.config, runs: c.config.runs.map(({ expect, ...rc }) => rc) };
    const res = run(nativeBin, ['train', '-'], JSON.stringify(config));
    assert.equal(res.status, 0, `${c.name}: lrplay train: ${res.stderr}`);
    const runs = JSON.parse(res.stdout).runs;
    config.runs.forEach((rc, i) => {
      const lr = runs[i];
      assert.equal(lr.status, 'ok', `${c.name} run ${i} (${rc.label}): lrplay's run must train (${lr.status})`);
      if (expects[i].stop) assert.ok(lr.stopped_epoch !== null, `${c.name} run ${i} (${rc.label}): the table means it to stop early`);
      if (expects[i].cuts) assert.ok(new Set(lr.lr).size > expects[i].cuts, `${c.name} run ${i} (${rc.label}): the table means its rate to be cut`);
      const feed = c.feed || rc.early_stopping ? lr.val_loss.map((v, k) => [v, lr.val_acc[k]]) : null;
      jobs.push({ src: toPyTorch(config, i), feed });
      meta.push({ table: c.name, label: rc.label, lrplay: lr });
    });
  }
  const t0 = Date.now();
  const out = python(jobs);
  const secs = (Date.now() - t0) / 1000;
  const worst = new Map();
  out.forEach((r, i) => {
    const { table, label, lrplay } = meta[i];
    const where = `${table} / ${label}`;
    assert.equal(r.error, undefined, `${where}: the snippet raised\n${r.error}\n--- stdout:\n${r.stdout}\n--- snippet:\n${jobs[i].src}`);
    const got = r.history.lr;
    assert.equal(got.length, lrplay.epochs, `${where}: ${got.length} epochs run, lrplay ran ${lrplay.epochs}`
      + ` (stopped_epoch ${lrplay.stopped_epoch})\n${r.stdout}`);
    const rel = maxRel(got, lrplay.lr);
    assert.ok(rel <= 1e-12, `${where}: rates differ by ${rel} relative\n  torch  ${JSON.stringify(got)}\n  lrplay ${JSON.stringify(lrplay.lr)}`);
    const w = worst.get(table) ?? { rel: 0, runs: 0, epochs: 0 };
    worst.set(table, { rel: Math.max(w.rel, rel), runs: w.runs + 1, epochs: w.epochs + got.length });
  });
  for (const [table, w] of worst) t.diagnostic(`${table}: ${w.runs} snippets, ${w.epochs} epochs, largest relative rate difference ${w.rel.toExponential(2)}`);
  t.diagnostic(`${jobs.length} snippets under ${PY} in ${secs.toFixed(1)} s`);
  assert.ok(jobs.length >= 50, `${jobs.length} snippets`);
});
