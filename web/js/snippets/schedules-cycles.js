// schedules-cycles.js — OneCycleLR and CyclicLR as {torch(r), keras(r)}. Keras has neither, so its
// side is the torch formula as a Python lr_at(step) (see schedules-decay.js for the contract).
import { pyNum, pyStr, pyBool } from './python.js';
import { LS } from './schedules-decay.js';

/**
 * What lrplay refuses of a onecycle run, as PyTorch would fail on it (c_src/session.c check_runs):
 * comment lines saying so, or [] for a run it trains.
 */
function refusal(r) {
  const s = r.sched;
  const T = s.total_steps > 0 ? s.total_steps : r.runSteps;
  if (T < r.runSteps) {
    return [`# lrplay refuses this run: total_steps ${pyNum(T)} is shorter than its ${pyNum(r.runSteps)} ${r.sched.interval} updates,`,
      `# and PyTorch's OneCycleLR raises ValueError at step ${pyNum(T + 1)}.`];
  }
  if (s.pct_start * T - 1 === 0) {
    return ['# lrplay refuses this run: pct_start * total_steps = 1 leaves the warm-up phase no steps, and PyTorch\'s',
      '# OneCycleLR divides by zero at step 0.'];
  }
  return [];
}

const onecycle = {
  torch: (r) => {
    const s = r.sched;
    return [
      ...refusal(r),
      '# OneCycleLR ignores the optimizer\'s lr: it starts at max_lr / div_factor. No momentum cycling, as lrplay.',
      `scheduler = ${LS}.OneCycleLR(optimizer, max_lr=${s.max_lr > 0 ? pyNum(s.max_lr) : pyNum(r.opt.lr)}, total_steps=${s.total_steps > 0 ? pyNum(s.total_steps) : 'RUN_STEPS'},`,
      `    pct_start=${pyNum(s.pct_start)}, anneal_strategy=${pyStr(s.anneal_strategy)}, div_factor=${pyNum(s.div_factor)},`,
      `    final_div_factor=${pyNum(s.final_div_factor)}, three_phase=${pyBool(s.three_phase)}, cycle_momentum=False)`,
      ...(!(s.max_lr > 0) || !(s.total_steps > 0) ? ["# (max_lr 0 in lrplay: the run's rate; total_steps 0: the run's length)"] : []),
    ];
  },
  keras: (r) => {
    const s = r.sched;
    const maxLr = s.max_lr > 0 ? pyNum(s.max_lr) : pyNum(r.opt.lr);
    const total = s.total_steps > 0 ? pyNum(s.total_steps) : 'RUN_STEPS';
    const L = [];
    L.push('def lr_at(step):');
    L.push('    """torch.optim.lr_scheduler.OneCycleLR (without momentum cycling) at a given step."""');
    L.push(`    max_lr = ${maxLr}${s.max_lr > 0 ? '' : '  # 0 in lrplay: the run\'s rate'}`);
    L.push(`    total_steps = ${total}${s.total_steps > 0 ? '' : '  # 0 in lrplay: the run\'s length'}`);
    L.push(`    pct_start = ${pyNum(s.pct_start)}`);
    L.push(`    initial = max_lr / ${pyNum(s.div_factor)}  # div_factor`);
    L.push(`    low = initial / ${pyNum(s.final_div_factor)}  # final_div_factor`);
    if (s.three_phase) {
      L.push('    phases = [(float(pct_start * total_steps) - 1, initial, max_lr),');
      L.push('              (float(2 * pct_start * total_steps) - 2, max_lr, initial),');
      L.push('              (total_steps - 1, initial, low)]  # three_phase=True');
    } else {
      L.push('    phases = [(float(pct_start * total_steps) - 1, initial, max_lr),');
      L.push('              (total_steps - 1, max_lr, low)]');
    }
    L.push('    start = 0');
    L.push('    for i, (end, a, b) in enumerate(phases):');
    L.push('        if step <= end or i == len(phases) - 1:');
    L.push('            pct = (step - start) / (end - start)');
    if (s.anneal_strategy === 'linear') L.push('            return (b - a) * pct + a  # anneal_strategy=\'linear\'');
    else L.push('            return b + (a - b) / 2.0 * (math.cos(math.pi * pct) + 1)  # anneal_strategy=\'cos\'');
    L.push('        start = end');
    return { lines: [...refusal(r), '# Keras has no OneCycleLR: the torch formula as a function, set by a callback.'], fn: L };
  },
};

/** CyclicLR's step counts up and down (0 down: as up). */
function upDown(s) {
  const up = Math.max(1, s.step_size_up);
  return { up, down: s.step_size_down > 0 ? s.step_size_down : up };
}

const cyclic = {
  torch: (r) => {
    const s = r.sched;
    const lr = pyNum(r.opt.lr);
    return [
      '# CyclicLR sets the rate to its own base_lr at once. No momentum cycling, as lrplay.',
      `scheduler = ${LS}.CyclicLR(optimizer, base_lr=${s.base_lr > 0 ? pyNum(s.base_lr) : lr}, max_lr=${s.max_lr > 0 ? pyNum(s.max_lr) : lr},`,
      `    step_size_up=${pyNum(Math.max(1, s.step_size_up))}, step_size_down=${s.step_size_down > 0 ? pyNum(s.step_size_down) : 'None'}, mode=${pyStr(s.mode)}, gamma=${pyNum(s.gamma)},`,
      '    cycle_momentum=False)',
      ...(!(s.base_lr > 0) || !(s.max_lr > 0) ? ["# (base_lr or max_lr 0 in lrplay: the run's rate)"] : []),
    ];
  },
  keras: (r) => {
    const s = r.sched;
    const lrExpr = pyNum(r.opt.lr);
    const { up, down } = upDown(s);
    const L = [];
    L.push('def lr_at(step):');
    L.push(`    """torch.optim.lr_scheduler.CyclicLR (mode='${s.mode}', without momentum cycling) at a given step."""`);
    L.push(`    base_lr = ${s.base_lr > 0 ? pyNum(s.base_lr) : `${lrExpr}  # 0 in lrplay: the run's rate`}`);
    L.push(`    max_lr = ${s.max_lr > 0 ? pyNum(s.max_lr) : `${lrExpr}  # 0 in lrplay: the run's rate`}`);
    L.push(`    total = ${pyNum(up)} + ${pyNum(down)}  # step_size_up + step_size_down${s.step_size_down > 0 ? '' : ' (0 in lrplay: as up)'}`);
    L.push(`    ratio = ${pyNum(up)} / total`);
    L.push('    cycle = math.floor(1 + step / total)');
    L.push('    x = 1.0 + step / total - cycle');
    L.push('    scale = x / ratio if x <= ratio else (x - 1) / (ratio - 1)');
    const f = s.mode === 'triangular' ? '1.0' : s.mode === 'triangular2' ? '1 / (2.0 ** (cycle - 1))' : `${pyNum(s.gamma)} ** step  # gamma`;
    L.push(`    return base_lr + (max_lr - base_lr) * scale * ${f}`);
    return { lines: ['# Keras has no CyclicLR: the torch formula as a function, set by a callback.'], fn: L };
  },
};

export const CYCLE_SCHEDULES = { onecycle, cyclic };
