// schedules-plateau.js — ReduceLROnPlateau in either flavor as {torch(r), keras(r)}, converting the
// settings when the run's flavor is the other library's (the comments written say how).
import { pyNum, pyStr } from './python.js';
import { LS } from './schedules-decay.js';

/** Plateau parameters for `target`, converted from the run's flavor when it differs. */
export function plateauParams(s, target, minLrFloor) {
  const fromKeras = s.flavor === 'keras';
  const minLr = Math.max(s.min_lr, minLrFloor);
  if (target === 'torch') {
    if (!fromKeras) {
      return { mode: s.mode, factor: s.factor, patience: s.patience, threshold: s.threshold,
        threshold_mode: s.threshold_mode, cooldown: s.cooldown, min_lr: minLr, eps: s.eps, converted: false };
    }
    return { mode: s.mode, factor: s.factor, patience: Math.max(s.patience - 1, 0), threshold: s.min_delta,
      threshold_mode: 'abs', cooldown: Math.max(s.cooldown - 1, 0), min_lr: minLr, eps: 0, converted: true };
  }
  if (fromKeras) {
    return { mode: s.mode, factor: s.factor, patience: s.patience, min_delta: s.min_delta, cooldown: s.cooldown,
      min_lr: minLr, converted: false };
  }
  return { mode: s.mode, factor: s.factor, patience: s.patience + 1,
    min_delta: s.threshold_mode === 'abs' ? s.threshold : 0,
    cooldown: s.cooldown > 0 ? s.cooldown + 1 : 0, min_lr: minLr, converted: true };
}

function torch(r) {
  const s = r.sched;
  const p = plateauParams(s, 'torch', r.minLr);
  const L = [];
  if (p.converted) {
    L.push('# Schedule: Keras-flavor ReduceLROnPlateau rebuilt with torch\'s ReduceLROnPlateau, stepped on the');
    L.push('# validation loss after every epoch. Conversions:');
    L.push(`# - Keras reduces when wait >= patience (${pyNum(s.patience)}); torch on the (patience+1)-th bad epoch,`);
    L.push(`#   so torch patience = ${pyNum(p.patience)}.`);
    L.push(`# - Keras decrements its cooldown before checking it (cooldown=1 has no effect): Keras cooldown ${pyNum(s.cooldown)}`);
    L.push(`#   is torch cooldown ${pyNum(p.cooldown)}.`);
    L.push(`# - Keras min_delta (${pyNum(s.min_delta)}) is an absolute improvement: threshold_mode='abs', threshold=min_delta.`);
    L.push('# - Keras reduces while lr > min_lr, however small the cut: eps=0 (torch skips cuts smaller than eps).');
    L.push('# - Keras keeps the rate as a float32 variable: a cut rate is rounded to float32 (after the step, below).');
  } else {
    L.push('# Schedule: torch ReduceLROnPlateau on the validation loss after every epoch. It reduces on the');
    L.push('# (patience+1)-th epoch without improvement; threshold_mode=\'rel\': better if loss < best * (1 - threshold)');
    L.push('# (mode=\'min\'), \'abs\': loss < best - threshold; cooldown epochs after a cut are ignored;');
    L.push('# a cut smaller than eps is skipped.');
  }
  if (r.minLr > 0) L.push(`# The run's floor (min_lr ${pyNum(r.minLr)}) is folded into the scheduler's min_lr.`);
  L.push(`scheduler = ${LS}.ReduceLROnPlateau(optimizer, mode=${pyStr(p.mode)}, factor=${pyNum(p.factor)}, patience=${pyNum(p.patience)},`);
  L.push(`    threshold=${pyNum(p.threshold)}, threshold_mode=${pyStr(p.threshold_mode)}, cooldown=${pyNum(p.cooldown)}, min_lr=${pyNum(p.min_lr)}, eps=${pyNum(p.eps)})`);
  if (p.converted) {
    L.push('', 'def keras_float32(x):', '    """x rounded to float32, as Keras stores a rate."""',
      '    return torch.tensor(x, dtype=torch.float32).item()');
  }
  return L;
}

/** The lines that step the scheduler at the end of an epoch (in the epoch loop). */
function torchStep(r) {
  const L = ['    scheduler.step(val_loss)  # per epoch, on the validation loss'];
  if (r.sched.flavor !== 'keras') return L;
  return [
    "    # Keras cuts the rate it stores, a float32, and stores the cut rate as float32; until the",
    "    # first cut the rate is the one given.",
    "    before = optimizer.param_groups[0]['lr']",
    "    stored = keras_float32(before)",
    '    for g in optimizer.param_groups:',
    "        g['lr'] = stored",
    ...L,
    '    for g in optimizer.param_groups:',
    "        g['lr'] = keras_float32(g['lr']) if g['lr'] != stored else before",
  ];
}

function keras(r) {
  const s = r.sched;
  const p = plateauParams(s, 'keras', r.minLr);
  const L = [];
  if (p.converted) {
    L.push('# Schedule: torch-flavor ReduceLROnPlateau rebuilt with the Keras callback (monitors val_loss every epoch).');
    L.push(`# - torch reduces on the (patience+1)-th bad epoch, Keras when wait >= patience: patience ${pyNum(s.patience)} -> ${pyNum(p.patience)}.`);
    L.push(`# - Keras decrements its cooldown before checking it (cooldown=1 has no effect): torch cooldown ${pyNum(s.cooldown)} -> ${pyNum(p.cooldown)}.`);
    if (s.threshold_mode === 'abs') L.push(`# - threshold_mode='abs': min_delta = threshold (${pyNum(s.threshold)}).`);
    else L.push(`# - torch's relative threshold (${pyNum(s.threshold)}: better if loss < best * (1 - threshold)) has no Keras equivalent; min_delta is absolute, set to 0 here.`);
    L.push('# Remaining differences: torch skips cuts smaller than eps; Keras keeps the rate as float32 and reduces');
    L.push('# only while lr > min_lr.');
  } else {
    L.push('# Schedule: Keras ReduceLROnPlateau (monitors val_loss every epoch): better if loss < best - min_delta;');
    L.push('# it reduces when wait >= patience; cooldown is decremented before it is checked (cooldown=1 has no effect).');
  }
  if (r.minLr > 0) L.push(`# The run's floor (min_lr ${pyNum(r.minLr)}) is folded into the callback's min_lr.`);
  const cb = `tf.keras.callbacks.ReduceLROnPlateau(monitor='val_loss', mode=${pyStr(p.mode)}, factor=${pyNum(p.factor)}, patience=${pyNum(p.patience)},\n`
    + `                                         min_delta=${pyNum(p.min_delta)}, cooldown=${pyNum(p.cooldown)}, min_lr=${pyNum(p.min_lr)}, verbose=1)`;
  return { lines: L, lrArg: pyNum(r.opt.lr), callbacks: [cb], helpers: [] };
}

export const PLATEAU_SCHEDULES = { reduce_on_plateau: { steps: 'plateau', torch, torchStep, keras } };
