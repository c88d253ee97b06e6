// keras.js — "Copy as Keras": one run of an experiment as a tf.keras (Keras 2.x) script (see index.js).
import { pyNum, pyStr } from './python.js';
import { header, runSteps, unitWord } from './common.js';
import { dataComment, dataImports, kerasData } from './data.js';
import { kerasEarlyStopping, KERAS_ES_NOTE } from './earlystop.js';
import { describeRun, ACTS } from './run.js';
import { OPTIMIZERS } from './optimizers.js';
import { kerasSchedule } from './schedules.js';

/** A callback that records the rate each epoch's first update applies (lrplay's lr). */
function epochRates(o) {
  const decay = o.name === 'keras_adam' && o.decay > 0;
  return [
    'class EpochRates(tf.keras.callbacks.Callback):',
    '    """The rate in effect at the start of each epoch: the rate its first update applies."""',
    '',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.lr = []',
    '',
    '    def on_train_batch_begin(self, batch, logs=None):',
    '        if batch:',
    '            return',
    '        opt = self.model.optimizer',
    '        lr = opt.learning_rate',
    '        if isinstance(lr, tf.keras.optimizers.schedules.LearningRateSchedule):',
    '            lr = lr(opt.iterations)',
    '        lr = float(tf.keras.backend.get_value(lr))',
    ...(decay ? [`        lr /= 1 + ${pyNum(o.decay)} * int(opt.iterations.numpy())  # the legacy decay the update applies`] : []),
    '        self.lr.append(lr)',
  ];
}

/**
 * Returns the Keras (tf.keras, Keras 2.x) snippet for one run of the config.
 * @param {object} config canonical lrplay config
 * @param {number} [runIndex=0]
 */
export function toKeras(config, runIndex = 0) {
  const r = describeRun(config, runIndex);
  const d = r.data;
  const cls = d.task === 'classification';
  const L = header(r, 'Keras (tf.keras 2.x)');
  L.push('import math', '', 'import numpy as np', 'import tensorflow as tf', ...dataImports(r), '');
  L.push(`SEED = ${pyNum(r.seed)}`, `EPOCHS = ${pyNum(r.epochs)}`, `BATCH_SIZE = ${pyNum(r.batchSize)}`);
  L.push('tf.keras.utils.set_random_seed(SEED)', '');
  L.push(...dataComment(r), ...kerasData(r));
  L.push('STEPS_PER_EPOCH = math.ceil(n_train / min(BATCH_SIZE, n_train))');
  L.push(`RUN_STEPS = ${runSteps(r)}  # the run's length in schedule steps (${unitWord(r)})`, '');

  const o = r.opt;
  const l2 = (o.name === 'adam' || o.name === 'sgd') && o.weight_decay > 0;
  L.push('def layer_init(fan_in):');
  L.push('    """PyTorch\'s default nn.Linear init, as lrplay: W and b uniform in +-1/sqrt(fan_in)."""');
  L.push('    bound = 1 / math.sqrt(fan_in)');
  L.push("    args = dict(kernel_initializer=tf.keras.initializers.VarianceScaling(1 / 3, 'fan_in', 'uniform'),");
  L.push('                bias_initializer=tf.keras.initializers.RandomUniform(-bound, bound))');
  if (l2) {
    L.push(`    # torch weight_decay=${pyNum(o.weight_decay)} adds wd * p to the gradient: an L2 penalty of wd / 2 * sum(p ** 2).`);
    L.push('    # (Keras adds the penalty to the reported loss; torch does not.)');
    L.push(`    args.update(kernel_regularizer=tf.keras.regularizers.L2(${pyNum(o.weight_decay)} / 2),`);
    L.push(`                bias_regularizer=tf.keras.regularizers.L2(${pyNum(o.weight_decay)} / 2))`);
  }
  L.push('    return args', '');

  const sizes = [d.nIn, ...r.hidden, d.nOut];
  L.push(`# Model: ${sizes.join('-')} MLP, ${r.act} between layers, linear outputs.`);
  L.push('model = tf.keras.Sequential([');
  L.push(`    tf.keras.Input(shape=(${d.nIn},)),`);
  for (let i = 1; i < sizes.length; i++) {
    const last = i + 1 === sizes.length;
    L.push(`    tf.keras.layers.Dense(${sizes[i]}, ${last ? '' : `activation=${pyStr(ACTS[r.act].keras)}, `}**layer_init(${sizes[i - 1]})),`);
  }
  L.push('])', '');

  const sch = kerasSchedule(r);
  if (sch.helpers.length) L.push(...sch.helpers, '');
  L.push(...sch.lines, '');
  L.push(...OPTIMIZERS[r.opt.name].keras(r.opt, sch.lrArg));
  if (cls) {
    L.push('model.compile(optimizer=optimizer, loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),');
    L.push("              metrics=['accuracy'])");
  } else {
    L.push('model.compile(optimizer=optimizer, loss=tf.keras.losses.MeanSquaredError())');
  }
  L.push('', ...epochRates(r.opt), '');
  const es = kerasEarlyStopping(r.es);
  if (es) L.push(...KERAS_ES_NOTE);
  // The rates are read last, after every callback that sets them.
  const callbacks = [...sch.callbacks, ...(es ? [es] : []), 'rates'];
  L.push('rates = EpochRates()');
  L.push('callbacks = [');
  for (const cb of callbacks) L.push(`    ${cb.split('\n').join('\n    ')},`);
  L.push(']');
  L.push('history = model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=True,');
  L.push('                    validation_data=(x_val, y_val), callbacks=callbacks)');
  L.push("for k, lr in enumerate(rates.lr):  # lrplay's results: the rate at the start of each epoch");
  L.push("    print(f'epoch {k + 1}: lr {lr!r} val_loss {history.history[\"val_loss\"][k]:.6g}')");
  return `${L.join('\n')}\n`;
}
