// earlystop.js — a run's early stopping (runs.N.early_stopping.*, Keras' EarlyStopping as lrplay's
// c_src/earlystop.c) in both snippets: the Keras callback, and the same rule as a few lines of the
// PyTorch loop. `es` is describeRun(...).es.
import { pyNum, pyStr, pyBool } from './python.js';

const METRIC = { val_loss: 'val_loss', val_acc: 'val_acc' };
const baseline = (es) => (es.baseline !== 0 ? pyNum(es.baseline) : 'None');

/** The Keras callback expression, or null when the run has no early stopping. */
export function kerasEarlyStopping(es) {
  if (!es.on) return null;
  return `tf.keras.callbacks.EarlyStopping(monitor=${pyStr(es.monitor === 'val_acc' ? 'val_accuracy' : 'val_loss')}, mode=${pyStr(es.dir)}, min_delta=${pyNum(es.min_delta)},\n`
    + `                                 patience=${pyNum(es.patience)}, baseline=${baseline(es)}, start_from_epoch=${pyNum(es.start_from_epoch)},\n`
    + `                                 restore_best_weights=${pyBool(es.restore_best_weights)}, verbose=1)`;
}

export const KERAS_ES_NOTE = [
  "# Early stopping: Keras' EarlyStopping, as lrplay (start_from_epoch needs TF >= 2.11; lrplay's baseline 0 is None).",
];

/** The PyTorch lines before the loop (settings and state), or [] without early stopping. */
export function torchEarlyStopSetup(es) {
  if (!es.on) return [];
  const better = es.dir === 'max' ? 'm - ES_MIN_DELTA > ref' : 'm + ES_MIN_DELTA < ref';
  const L = [
    `# Early stopping: Keras' EarlyStopping on ${es.monitor} (mode ${es.dir}), as lrplay: epochs before start_from_epoch`,
    '# are not watched; each watched epoch adds 1 to the wait; an improvement (beyond min_delta) keeps the best',
    '# and restarts the wait (if it also beats the baseline); otherwise the run stops once wait >= patience.',
    `ES_MIN_DELTA, ES_PATIENCE, ES_BASELINE, ES_START_FROM_EPOCH = ${pyNum(es.min_delta)}, ${pyNum(es.patience)}, ${baseline(es)}, ${pyNum(es.start_from_epoch)}`,
    `es_best, es_wait = ${es.dir === 'max' ? '-math.inf' : 'math.inf'}, 0`,
  ];
  if (es.restore_best_weights) L.push('best_state = None  # restore_best_weights: the best epoch\'s weights, restored on a stop');
  L.push('', 'def es_better(m, ref):', '    """An improvement on ref (NaN never is)."""', `    return ${better}`);
  return L;
}

/**
 * The PyTorch lines at the end of an epoch (indented for the epoch loop); they `break` on a stop.
 * `evalLine` re-measures the validation metrics after a restore.
 */
export function torchEarlyStopCheck(es, evalLine) {
  if (!es.on) return [];
  const m = METRIC[es.monitor];
  const restore = es.restore_best_weights;
  const L = ['    if epoch >= ES_START_FROM_EPOCH:'];
  if (restore) {
    L.push('        if best_state is None:  # Keras copies the weights at the first watched epoch');
    L.push('            best_state = copy.deepcopy(model.state_dict())');
  }
  L.push('        es_wait += 1');
  L.push(`        if es_better(${m}, es_best):`);
  L.push(`            es_best = ${m}`);
  if (restore) L.push('            best_state = copy.deepcopy(model.state_dict())');
  L.push(`            if ES_BASELINE is None or es_better(${m}, ES_BASELINE):`);
  L.push('                es_wait = 0');
  L.push('        elif es_wait >= ES_PATIENCE and epoch > 0:');
  L.push("            print(f'early stopping after epoch {epoch + 1}')");
  if (restore) {
    L.push('            model.load_state_dict(best_state)');
    L.push(`            ${evalLine}  # the run ends with the best epoch's weights`);
    L.push("            print(f'restored the best weights: val_loss {val_loss}')");
  }
  L.push('            break');
  return L;
}
