// The cap on an experiment's time (c_src/cost.c) at its boundary, both ways, through both CLIs
// and the JS library: for each family in tests/work-cap.json the config just under the cap is
// admitted (`lrplay config` exits 0) and the one just over is refused with exit 2 and one line
// naming the field to lower and the limit — the same line natively and in Node. No timing here
// (bench/bench_cost.mjs times the model against the clock).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nativeBin, root, run } from './native.mjs';
import { runNode, experimentConfigs } from './wasm-util.mjs';
import { loadCore } from '../../web/js/core.js';
import { LIMITS } from '../../web/js/core/schema.gen.js';

const cases = JSON.parse(readFileSync(path.join(root, 'tests', 'work-cap.json'), 'utf8'));
let core;
before(async () => { core = await loadCore(); });

for (const c of cases) {
  test(`time cap: ${c.name}, just under and just over`, () => {
    const worst = (cfg) => { const k = core.cost(cfg); return Math.max(k.find, k.train); };
    assert.ok(worst(c.under) <= LIMITS.MAX_SECONDS, `under: ${worst(c.under)} s`);
    assert.ok(worst(c.under) > 0.9 * LIMITS.MAX_SECONDS, `under is not at the boundary: ${worst(c.under)} s`);
    assert.ok(worst(c.over) > LIMITS.MAX_SECONDS, `over: ${worst(c.over)} s`);
    const runners = [['node', (input) => runNode(['config', '-'], input)]];
    if (existsSync(nativeBin)) runners.push(['native', (input) => run(nativeBin, ['config', '-'], input)]);
    const said = [];
    for (const [who, go] of runners) {
      const u = go(JSON.stringify(c.under));
      assert.equal(u.status, 0, `${who}: under refused: ${u.stderr}`);
      const o = go(JSON.stringify(c.over));
      assert.equal(o.status, 2, `${who}: over exit ${o.status}`);
      assert.equal(o.stdout, '');
      const lines = o.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, o.stderr);
      assert.match(lines[0], new RegExp(`^lrplay: ${c.field.replace('.', '\\.')}: .* would take about \\d+\\.\\d s \\(limit ${LIMITS.MAX_SECONDS} s\\); reduce `));
      said.push(lines[0]);
    }
    assert.equal(new Set(said).size, 1, `the runners say it differently:\n${said.join('\n')}`);
  });
}

test('time cap: the default experiment and every config in tests/configs are admitted', () => {
  const configs = [['defaults', core.defaultConfig()], ...experimentConfigs().map((c) => [c.file, c.config])];
  assert.ok(configs.length > 3);
  for (const [name, cfg] of configs) {
    const k = core.cost(cfg);
    assert.ok(Math.max(k.find, k.train) <= LIMITS.MAX_SECONDS, `${name}: ${JSON.stringify(k)}`);
    assert.equal(k.train, k.run * (cfg.runs?.length ?? 5), name);
  }
});
