#!/usr/bin/env python3
# Replay of one lrplay run under tf.keras (TensorFlow 2.11 or later), written by
# `lrplay export --format keras`. Needs Python 3 and TensorFlow, nothing else:
#
#     python3 this_file.py            replays the exported run
#     python3 this_file.py --run K    replays run K of the same experiment instead
#
# NOT RUN BY LRPLAY'S TESTS: lrplay's test machine has no TensorFlow, so this file is only
# checked to parse (the PyTorch export, --format pytorch, is run and compared with lrplay).
#
# It prints one JSON line with lrplay's definitions, per epoch:
#   {"lr": [...], "train_loss": [...], "val_loss": [...], "val_acc": [...]}
#   lr          the rate in effect at the start of the epoch (floor and Keras decay included)
#   train_loss  the mean of the epoch's batch losses, each weighted by its rows
#   val_loss    the mean loss over the validation split, val_acc its accuracy (null: regression)
#
# Everything lrplay used is embedded: the data set (train and validation split, float32), the
# initial weights, the config; the batch order of every epoch is regenerated from the seed by
# a port of lrplay's generator and checked against the embedded order of epoch 0. The loop is
# a custom one (GradientTape) so that the batches are lrplay's. The rate of each update comes
# from a port of lrplay's schedule formulas (PyTorch's, Keras' for inverse_time) and is set on
# the optimizer before the update; the floor is applied there.
#
# How far it tracks lrplay: Keras' Adam with `decay` (keras_adam) and Keras' ReduceLROnPlateau
# and EarlyStopping are what lrplay models, so those follow lrplay as closely as float32
# allows. lrplay's other optimizers are PyTorch's: Keras' Adam and AdamW add epsilon to the
# uncorrected sqrt(v) (a tiny difference while v is small), and Keras' SGD keeps its momentum
# as -lr*g (the same as PyTorch's while the rate is constant); the L2 weight_decay of adam and
# sgd is added to the gradients here as PyTorch does; sgd's dampening has no Keras counterpart
# and is not applied.
import base64
import json
import math
import sys
from array import array

import tensorflow as tf

PAYLOAD = json.loads('''@LRPLAY_PAYLOAD@''')

STREAM_BATCHES = 3    # lrplay's generator stream for the batch order
EVAL_CHUNK = 256      # lrplay evaluates in chunks of max(batch_size, 256) rows
M64 = (1 << 64) - 1


def words(b64, typecode):
    a = array(typecode, base64.b64decode(b64))
    if sys.byteorder == 'big':
        a.byteswap()      # the payload is little-endian
    return a


def floats(b64, rows, cols):
    return tf.reshape(tf.constant(list(words(b64, 'f')), dtype=tf.float32), (rows, cols))


class PCG32:
    """pcg32_random_r / pcg32_srandom_r (O'Neill 2014), as lrplay's c_src/rng.c."""

    def __init__(self, seed, stream):
        self.state, self.inc = 0, ((stream << 1) | 1) & M64
        self.u32()
        self.state = (self.state + seed) & M64
        self.u32()

    def u32(self):
        old = self.state
        self.state = (old * 6364136223846793005 + self.inc) & M64
        xs = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
        rot = old >> 59
        return ((xs >> rot) | (xs << ((-rot) & 31))) & 0xFFFFFFFF

    def below(self, bound):
        m = self.u32() * bound
        if (m & 0xFFFFFFFF) < bound:
            threshold = ((1 << 32) - bound) % bound
            while (m & 0xFFFFFFFF) < threshold:
                m = self.u32() * bound
        return m >> 32


def epoch_orders(seed, n, epochs):
    rng, idx = PCG32(seed, STREAM_BATCHES), list(range(n))
    for _ in range(epochs):
        for i in range(n - 1, 0, -1):
            j = rng.below(i + 1)
            idx[i], idx[j] = idx[j], idx[i]
        yield list(idx)


# ------------------------------------------------------------------- schedules
def resolve(s, opt, total):
    """lrplay's run-length defaults (T_max, T_0, total_steps, max_lr, base_lr left at 0)."""
    s = dict(s)
    rest = total - s.get('warmup', 0) if total - s.get('warmup', 0) > 0 else 1
    k = s['name']
    if k == 'cosine' and s['T_max'] == 0:
        s['T_max'] = rest
    if k == 'cosine_warm_restarts' and s['T_0'] == 0:
        s['T_0'] = max(rest // 4, 1)
    if k == 'onecycle':
        s['total_steps'] = s['total_steps'] or total
        s['max_lr'] = s['max_lr'] or opt['lr']
    if k == 'cyclic':
        s['base_lr'] = s['base_lr'] or opt['lr']
        s['max_lr'] = s['max_lr'] or opt['lr']
    return s


def cosine_at(base, eta, t, T):
    return eta + (base - eta) * (1 + math.cos(math.pi * t / T)) / 2


def onecycle_at(s, t):
    T = s['total_steps']
    t = min(t, T)
    top = s['max_lr']
    initial = top / s['div_factor']
    low = initial / s['final_div_factor']
    p = s['pct_start']
    if s['three_phase']:
        phases = [(p * T - 1, initial, top), (2 * p * T - 2, top, initial), (T - 1, initial, low)]
    else:
        phases = [(p * T - 1, initial, top), (T - 1, top, low)]
    start = 0.0
    for i, (end, a, b) in enumerate(phases):
        if t <= end or i == len(phases) - 1:
            pct = (t - start) / (end - start) if end != start else (1.0 if t > start else 0.0)
            if s['anneal_strategy'] == 'cos':
                return b + (a - b) / 2 * (math.cos(math.pi * pct) + 1)
            return (b - a) * pct + a
        start = end


def scheduled_lr(s, base, t):
    """The rate after t scheduler steps (lrplay's c_src/schedule.c)."""
    k, w = s['name'], s.get('warmup', 0)
    if w > 0:
        if t < w:
            f = s['warmup_start_factor']
            return base * (f + (1 - f) * t / w)
        t -= w
    if k == 'step':
        return base * s['gamma'] ** (t // s['step_size'])
    if k == 'multistep':
        return base * s['gamma'] ** sum(1 for m in s['milestones'] if m <= t)
    if k == 'exponential':
        return base * s['gamma'] ** t
    if k == 'cosine':
        return cosine_at(base, s['eta_min'], t % (2 * s['T_max']), s['T_max'])
    if k == 'cosine_warm_restarts':
        Ti = s['T_0']
        if s['T_mult'] == 1:
            t %= Ti
        else:
            while t >= Ti:
                t, Ti = t - Ti, Ti * s['T_mult']
        return cosine_at(base, s['eta_min'], t, Ti)
    if k == 'linear':
        n = s['total_iters']
        if n < 1:
            return base * s['start_factor']
        return base * (s['start_factor'] + (s['end_factor'] - s['start_factor']) * min(t, n) / n)
    if k == 'onecycle':
        return onecycle_at(s, t)
    if k == 'cyclic':
        lo, hi, up = s['base_lr'], s['max_lr'], s['step_size_up']
        down = s['step_size_down'] or up
        total = up + down
        cycle = math.floor(1 + t / total)
        x = 1 + t / total - cycle
        scale = x / (up / total) if x <= up / total else (x - 1) / (up / total - 1)
        h = (hi - lo) * scale
        if s['mode'] == 'triangular2':
            return lo + h * (1 / 2.0 ** (cycle - 1))
        if s['mode'] == 'exp_range':
            return lo + h * s['gamma'] ** t
        return lo + h
    if k == 'inverse_time':
        p = t // s['decay_steps'] if s['staircase'] else t / s['decay_steps']
        return base / (1 + s['decay_rate'] * p)
    if k == 'lr_range':
        n = s['num_iter']
        if n < 2:
            return base
        frac = min(t, n - 1) / (n - 1)
        if s['step_mode'] == 'linear':
            return base + frac * (s['end_lr'] - base)
        return base * (s['end_lr'] / base) ** frac
    return base


class TorchPlateau:
    """torch.optim.lr_scheduler.ReduceLROnPlateau's rule (the schedule's flavor "torch")."""

    def __init__(self, s, lr, floor):
        self.s, self.lr, self.floor = s, lr, floor
        self.best = -math.inf if s['mode'] == 'max' else math.inf
        self.bad = self.cooldown = 0

    def _better(self, a):
        s, b = self.s, self.best
        rel = s['threshold_mode'] == 'rel'
        if s['mode'] == 'max':
            return a > b * (s['threshold'] + 1) if rel else a > b + s['threshold']
        return a < b * (1 - s['threshold']) if rel else a < b - s['threshold']

    def step(self, metric):
        if self._better(metric):
            self.best, self.bad = metric, 0
        else:
            self.bad += 1
        if self.cooldown > 0:
            self.cooldown -= 1
            self.bad = 0
        if self.bad > self.s['patience']:
            new = max(self.lr * self.s['factor'], self.floor)
            if self.lr - new > self.s['eps']:
                self.lr = new
            self.cooldown, self.bad = self.s['cooldown'], 0


# ----------------------------------------------------------- model, optimizer
def make_model(sizes, activation, params):
    act = (lambda x: tf.nn.gelu(x, approximate=False)) if activation == 'gelu' else activation
    layers = [tf.keras.Input(shape=(sizes[0],))]
    for l in range(1, len(sizes)):
        layers.append(tf.keras.layers.Dense(sizes[l], activation=act if l + 1 < len(sizes) else None))
    model = tf.keras.Sequential(layers)
    weights, at = [], 0
    for l in range(len(sizes) - 1):   # lrplay: W (OUT, IN) row-major then b; Keras' kernel is (IN, OUT)
        n_w = sizes[l] * sizes[l + 1]
        W = tf.reshape(params[at:at + n_w], (sizes[l + 1], sizes[l]))
        weights += [tf.transpose(W).numpy(), params[at + n_w:at + n_w + sizes[l + 1]].numpy()]
        at += n_w + sizes[l + 1]
    model.set_weights(weights)
    return model


def make_optimizer(o):
    k = o['name']
    if k == 'keras_adam':   # Keras 2.x Adam with its legacy decay: lr / (1 + decay * iterations)
        return tf.keras.optimizers.legacy.Adam(learning_rate=o['lr'], beta_1=o['beta1'], beta_2=o['beta2'],
                                               epsilon=o['eps'], amsgrad=o['amsgrad'], decay=o['decay'])
    if k == 'adam':
        return tf.keras.optimizers.Adam(learning_rate=o['lr'], beta_1=o['beta1'], beta_2=o['beta2'],
                                        epsilon=o['eps'], amsgrad=o['amsgrad'])
    if k == 'adamw':
        return tf.keras.optimizers.AdamW(learning_rate=o['lr'], weight_decay=o['weight_decay'], beta_1=o['beta1'],
                                         beta_2=o['beta2'], epsilon=o['eps'], amsgrad=o['amsgrad'])
    if k == 'sgd':
        return tf.keras.optimizers.SGD(learning_rate=o['lr'], momentum=o['momentum'], nesterov=o['nesterov'])
    raise SystemExit(f'replay: unknown optimizer {k!r}')


def finite(v):
    return v if v is not None and math.isfinite(v) else None


def replay(P, run_index):
    cfg = P['config']
    run = cfg['runs'][run_index]
    o, s0 = run['optimizer'], run['schedule']
    n_in, n_out, n_train, n_val = P['n_in'], P['n_out'], P['n_train'], P['n_val']
    cls = P['task'] == 'classification'
    yc = 1 if cls else n_out
    x_train, x_val = floats(P['x_train'], n_train, n_in), floats(P['x_val'], n_val, n_in)
    y_train, y_val = floats(P['y_train'], n_train, yc), floats(P['y_val'], n_val, yc)
    if cls:
        y_train, y_val = tf.cast(tf.reshape(y_train, (-1,)), tf.int32), tf.cast(tf.reshape(y_val, (-1,)), tf.int32)
    params = tf.constant(list(words(P['params'], 'f')), dtype=tf.float32)
    model = make_model(P['sizes'], cfg['model']['activation'], params)
    loss_fn = (tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True) if cls
               else tf.keras.losses.MeanSquaredError())
    opt = make_optimizer(o)
    model.compile(optimizer=opt, loss=loss_fn)
    epochs, bs = cfg['epochs'], min(cfg['batch_size'], n_train)
    batches = (n_train + bs - 1) // bs
    plateau = s0['name'] == 'reduce_on_plateau'
    per_batch = s0.get('interval') == 'batch' and not plateau
    s = resolve(s0, o, epochs * batches if per_batch else epochs)
    floor = run['min_lr']
    keras_plateau = torch_plateau = None
    if plateau and s['flavor'] == 'keras':
        keras_plateau = tf.keras.callbacks.ReduceLROnPlateau(monitor='val_loss', mode=s['mode'], factor=s['factor'],
                                                             patience=s['patience'], min_delta=s['min_delta'],
                                                             cooldown=s['cooldown'], min_lr=max(s['min_lr'], floor))
        keras_plateau.set_model(model)
        keras_plateau.on_train_begin()
    elif plateau:
        torch_plateau = TorchPlateau(s, o['lr'], max(s['min_lr'], floor))
    es = run['early_stopping']
    stopper = None
    if es['monitor'] != 'off':
        stopper = tf.keras.callbacks.EarlyStopping(monitor=es['monitor'], mode=es['mode'], min_delta=es['min_delta'],
                                                   patience=es['patience'], baseline=es['baseline'] or None,
                                                   start_from_epoch=es['start_from_epoch'],
                                                   restore_best_weights=es['restore_best_weights'])
        stopper.set_model(model)
        stopper.on_train_begin()

    def rate(epoch, step):
        if keras_plateau is not None:
            return float(tf.keras.backend.get_value(opt.learning_rate))
        if torch_plateau is not None:
            return torch_plateau.lr
        return scheduled_lr(s, o['lr'], step if per_batch else epoch)

    def l2(grads):
        wd = o.get('weight_decay', 0)
        if o['name'] in ('adam', 'sgd') and wd:
            return [g + wd * v for g, v in zip(grads, model.trainable_variables)]
        return grads

    def evaluate():
        chunk, total, correct = max(cfg['batch_size'], EVAL_CHUNK), 0.0, 0
        for at in range(0, n_val, chunk):
            out = model(x_val[at:at + chunk], training=False)
            yb = y_val[at:at + chunk]
            total += float(loss_fn(yb, out)) * int(yb.shape[0])
            if cls:
                correct += int(tf.reduce_sum(tf.cast(tf.argmax(out, axis=1, output_type=tf.int32) == yb, tf.int32)))
        return total / n_val, (correct / n_val if cls else None)

    initial_val, _ = evaluate()
    out = {'lr': [], 'train_loss': [], 'val_loss': [], 'val_acc': []}
    order_check = list(words(P['order0'], 'I' if array('I').itemsize == 4 else 'L'))
    step = 0
    for e, order in enumerate(epoch_orders(cfg['seed'], n_train, epochs)):
        if e == 0 and order != order_check:
            raise SystemExit('replay: the regenerated batch order differs from lrplay\'s (epoch 1)')
        start = max(rate(e, step), floor)
        if o['name'] == 'keras_adam' and o['decay'] > 0:
            start /= 1 + o['decay'] * int(opt.iterations)
        out['lr'].append(start)
        total, seen, bad = 0.0, 0, False
        for b in range(batches):
            idx = order[b * bs:(b + 1) * bs]
            xb, yb = tf.gather(x_train, idx), tf.gather(y_train, idx)
            tf.keras.backend.set_value(opt.learning_rate, max(rate(e, step), floor))
            with tf.GradientTape() as tape:
                loss = loss_fn(yb, model(xb, training=True))
            if not math.isfinite(float(loss)):
                bad = True
                break
            grads = l2(tape.gradient(loss, model.trainable_variables))
            opt.apply_gradients(zip(grads, model.trainable_variables))
            total += float(loss) * len(idx)
            seen += len(idx)
            step += 1
        val, acc = evaluate() if not bad else (math.nan, None)
        out['train_loss'].append(None if bad else total / seen)
        out['val_loss'].append(finite(val))
        out['val_acc'].append(acc)
        if bad or not math.isfinite(val) or val > 100 * initial_val:
            break
        logs = {'val_loss': val, 'val_acc': acc if acc is not None else math.nan}
        if stopper is not None:
            stopper.on_epoch_end(e, logs)
            if model.stop_training:
                break
        if keras_plateau is not None:
            keras_plateau.on_epoch_end(e, logs)
        if torch_plateau is not None:
            torch_plateau.step(val)
    return out


if __name__ == '__main__':
    k = PAYLOAD['run']
    if len(sys.argv) == 3 and sys.argv[1] == '--run':
        k = int(sys.argv[2])
    elif len(sys.argv) != 1:
        raise SystemExit('usage: python3 ' + sys.argv[0] + ' [--run K]')
    if not 0 <= k < len(PAYLOAD['config']['runs']):
        raise SystemExit(f'replay: run {k} is not a run of this experiment')
    print(json.dumps(replay(PAYLOAD, k), allow_nan=False))
