// torch.js — "Copy as PyTorch": one run of an experiment as a PyTorch script (see index.js).
import { pyNum } from './python.js';
import { header, dataComment } from './common.js';
import { describeRun, ACTS } from './run.js';
import { OPTIMIZERS } from './optimizers.js';
import { torchScheduler } from './schedules.js';

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
  L.push('import math', '', 'import torch', 'from torch import nn', '');
  L.push(`SEED = ${pyNum(r.seed)}`, `EPOCHS = ${pyNum(r.epochs)}`, `BATCH_SIZE = ${pyNum(r.batchSize)}`);
  L.push('torch.manual_seed(SEED)', '');
  L.push(...dataComment(r));
  L.push(`N_IN, N_OUT = ${d.nIn}, ${d.nOut}`);
  L.push(`n_val = int(${pyNum(d.samples)} * ${pyNum(d.valFrac)})`);
  L.push(`n_train = ${pyNum(d.samples)} - n_val`);
  L.push('X_train, X_val = torch.randn(n_train, N_IN), torch.randn(n_val, N_IN)');
  if (cls) L.push('y_train, y_val = torch.randint(0, N_OUT, (n_train,)), torch.randint(0, N_OUT, (n_val,))');
  else L.push('y_train, y_val = torch.sin(X_train), torch.sin(X_val)');
  L.push('train_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X_train, y_train),');
  L.push('                                           batch_size=BATCH_SIZE, shuffle=True)');
  L.push('STEPS_PER_EPOCH = len(train_loader)', '');

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
  const keras = r.opt.name === 'keras_adam';
  const floor = r.minLr > 0 && sch.where !== 'plateau';
  const decayLambda = keras && sch.where === null && !floor;
  const wrap = (keras && !decayLambda) || floor;
  if (decayLambda) {
    L.push('# Keras\' legacy decay, stepped after every batch: rate of update k = lr / (1 + decay * k).');
    L.push('decay = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda it: 1 / (1 + KERAS_DECAY * it))');
  }
  if (wrap) {
    L.push('');
    if (floor) L.push(`MIN_LR = ${pyNum(r.minLr)}  # lrplay: floor under every rate of the run`);
    L.push('iterations = 0  # updates made so far');
    L.push('');
    L.push('def optimizer_step():');
    L.push('    """One update at the rate lrplay uses; the scheduler keeps its own rate."""');
    L.push('    global iterations');
    L.push("    scheduled = [g['lr'] for g in optimizer.param_groups]");
    L.push('    for g in optimizer.param_groups:');
    if (floor) L.push("        g['lr'] = max(g['lr'], MIN_LR)");
    if (keras) L.push("        g['lr'] = g['lr'] / (1 + KERAS_DECAY * iterations)  # Keras' legacy decay, per update");
    L.push('    optimizer.step()');
    L.push('    for g, lr in zip(optimizer.param_groups, scheduled):');
    L.push("        g['lr'] = lr");
    L.push('    iterations += 1');
  }
  L.push('');
  L.push('for epoch in range(EPOCHS):');
  L.push('    model.train()');
  L.push('    for xb, yb in train_loader:');
  L.push('        optimizer.zero_grad()');
  L.push('        loss = loss_fn(model(xb), yb)');
  L.push('        loss.backward()');
  L.push(wrap ? '        optimizer_step()' : '        optimizer.step()');
  if (decayLambda) L.push('        decay.step()');
  if (sch.where === 'batch') L.push('        scheduler.step()  # per batch');
  L.push('    model.eval()');
  L.push('    with torch.no_grad():');
  L.push('        out = model(X_val)');
  L.push('        val_loss = loss_fn(out, y_val).item()');
  if (cls) L.push('        val_acc = (out.argmax(1) == y_val).float().mean().item()');
  if (sch.where === 'epoch') L.push('    scheduler.step()  # per epoch');
  if (sch.where === 'plateau') L.push('    scheduler.step(val_loss)  # per epoch, on the validation loss');
  L.push(`    print(epoch + 1, optimizer.param_groups[0]['lr'], val_loss${cls ? ', val_acc' : ''})`);
  return `${L.join('\n')}\n`;
}

