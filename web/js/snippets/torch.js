// torch.js — "Copy as PyTorch": one run of an experiment as a PyTorch script (see index.js).
import { pyNum } from './python.js';
import { header, runSteps, unitWord } from './common.js';
import { dataComment, dataImports, torchData } from './data.js';
import { describeRun, ACTS } from './run.js';
import { OPTIMIZERS } from './optimizers.js';
import { torchScheduler } from './schedules.js';
import { torchEarlyStopSetup, torchEarlyStopCheck } from './earlystop.js';

/** The rate wrapper: an update's rate is the scheduler's, floored at the run's min_lr, then Keras' decay. */
function rateWrapper(floor, keras) {
  const L = [''];
  if (floor) L.push(`MIN_LR = ${pyNum(floor)}  # lrplay: floor under every rate of the run`);
  L.push('iterations = 0  # updates made so far', '');
  L.push('def applied_lr(lr):');
  L.push('    """The rate an update applies, as lrplay: the scheduler\'s rate lr'
    + `${floor ? ', floored at MIN_LR' : ''}${keras ? ", then Keras' legacy decay" : ''}."""`);
  if (floor) L.push('    lr = max(lr, MIN_LR)');
  if (keras) L.push('    lr = lr / (1 + KERAS_DECAY * iterations)  # Keras\' legacy decay, per update');
  L.push('    return lr', '');
  L.push('def optimizer_step():');
  L.push('    """One update at the rate lrplay applies; the scheduler keeps its own rate."""');
  L.push('    global iterations');
  L.push("    scheduled = [g['lr'] for g in optimizer.param_groups]");
  L.push('    for g in optimizer.param_groups:');
  L.push("        g['lr'] = applied_lr(g['lr'])");
  L.push('    optimizer.step()');
  L.push('    for g, lr in zip(optimizer.param_groups, scheduled):');
  L.push("        g['lr'] = lr");
  L.push('    iterations += 1');
  return L;
}

/** evaluate(): the validation metrics on the current weights. */
function evaluateFn(cls) {
  return [
    'def evaluate():',
    `    """Mean loss${cls ? ' and accuracy' : ''} over the validation split."""`,
    '    model.eval()',
    '    with torch.no_grad():',
    '        out = model(X_val)',
    `    return loss_fn(out, y_val).item(), ${cls ? '(out.argmax(1) == y_val).float().mean().item()' : "float('nan')"}`,
  ];
}

/**
 * Returns the PyTorch snippet for one run of the config.
 * @param {object} config canonical lrplay config
 * @param {number} [runIndex=0]
 */
export function toPyTorch(config, runIndex = 0) {
  const r = describeRun(config, runIndex);
  const d = r.data;
  const cls = d.task === 'classification';
  const L = header(r, 'PyTorch');
  L.push(...(r.es.on && r.es.restore_best_weights ? ['import copy'] : []), 'import math', '');
  L.push('import torch', 'from torch import nn', ...dataImports(r), '');
  L.push(`SEED = ${pyNum(r.seed)}`, `EPOCHS = ${pyNum(r.epochs)}`, `BATCH_SIZE = ${pyNum(r.batchSize)}`);
  L.push('torch.manual_seed(SEED)', '');
  L.push(...dataComment(r), ...torchData(r));
  L.push('train_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X_train, y_train),');
  L.push('                                           batch_size=BATCH_SIZE, shuffle=True)');
  L.push('STEPS_PER_EPOCH = len(train_loader)');
  L.push(`RUN_STEPS = ${runSteps(r)}  # the run's length in scheduler steps (${unitWord(r)})`, '');

  const sizes = [d.nIn, ...r.hidden, d.nOut];
  L.push(`# Model: ${sizes.join('-')} MLP, ${r.act} between layers, PyTorch's default nn.Linear init (as lrplay).`);
  L.push('model = nn.Sequential(');
  for (let i = 0; i + 1 < sizes.length; i++) {
    const last = i + 2 === sizes.length;
    L.push(`    nn.Linear(${sizes[i]}, ${sizes[i + 1]}),${last ? '' : ` ${ACTS[r.act].torch},`}`);
  }
  L.push(')');
  L.push(cls ? 'loss_fn = nn.CrossEntropyLoss()' : 'loss_fn = nn.MSELoss()', '');

  L.push(...OPTIMIZERS[r.opt.name].torch(r.opt));
  const sch = torchScheduler(r);
  L.push('', ...sch.lines);

  // How each update's rate is formed: the scheduler's rate, floored at the run's min_lr, then
  // Keras' legacy decay. A LambdaLR does the decay alone when there is nothing else to combine.
  // A plateau scheduler has the floor folded into its min_lr; only a rate set under the floor
  // at the start needs it applied.
  const keras = r.opt.name === 'keras_adam';
  const floor = r.minLr > 0 && (sch.where !== 'plateau' || r.opt.lr < r.minLr) ? r.minLr : 0;
  const decayLambda = keras && sch.where === null && !floor;
  const wrap = (keras && !decayLambda) || floor > 0;
  if (decayLambda) {
    L.push('# Keras\' legacy decay, stepped after every batch: rate of update k = lr / (1 + decay * k).');
    L.push('decay = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda it: 1 / (1 + KERAS_DECAY * it))');
  }
  if (wrap) L.push(...rateWrapper(floor, keras));
  L.push('', ...evaluateFn(cls), '');
  const es = torchEarlyStopSetup(r.es);
  if (es.length) L.push(...es, '');

  L.push("# lrplay's results: lr is the rate in effect at the start of each epoch (the rate its first update applies).");
  L.push("history = {'lr': [], 'train_loss': [], 'val_loss': [], 'val_acc': []}");
  L.push('for epoch in range(EPOCHS):');
  L.push(wrap ? "    lr = applied_lr(optimizer.param_groups[0]['lr'])" : "    lr = optimizer.param_groups[0]['lr']");
  L.push('    model.train()');
  L.push('    seen, total = 0, 0.0');
  L.push('    for xb, yb in train_loader:');
  L.push('        optimizer.zero_grad()');
  L.push('        loss = loss_fn(model(xb), yb)');
  L.push('        loss.backward()');
  L.push(wrap ? '        optimizer_step()' : '        optimizer.step()');
  if (decayLambda) L.push('        decay.step()');
  if (sch.where === 'batch') L.push('        scheduler.step()  # per batch');
  L.push('        seen, total = seen + len(xb), total + loss.item() * len(xb)');
  L.push('    val_loss, val_acc = evaluate()');
  L.push("    for k, v in (('lr', lr), ('train_loss', total / seen), ('val_loss', val_loss), ('val_acc', val_acc)):");
  L.push('        history[k].append(v)');
  L.push(`    print(f'epoch {epoch + 1}: lr {lr!r} train_loss {total / seen:.6g} val_loss {val_loss:.6g}${cls ? ' val_acc {val_acc:.4f}' : ''}')`);
  L.push(...torchEarlyStopCheck(r.es, 'val_loss, val_acc = evaluate()'));
  if (sch.where === 'epoch') L.push('    scheduler.step()  # per epoch');
  if (sch.where === 'plateau') L.push(...sch.stepLines);
  return `${L.join('\n')}\n`;
}
