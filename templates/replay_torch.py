#!/usr/bin/env python3
# Replay of one lrplay run under PyTorch, written by `lrplay export --format pytorch` (or the
# page's "Download as PyTorch script"). Needs Python 3 and torch, nothing else:
#
#     python3 this_file.py            replays the exported run
#     python3 this_file.py --run K    replays run K of the same experiment instead
#     python3 this_file.py --run all  replays every run, one line each
#
# It prints one JSON line with lrplay's definitions, per epoch:
#   {"lr": [...], "train_loss": [...], "val_loss": [...], "val_acc": [...]}
#   lr          the rate in effect at the start of the epoch (floor and Keras decay included)
#   train_loss  the mean of the epoch's batch losses, each weighted by its rows
#   val_loss    the mean loss over the validation split, val_acc its accuracy (null: regression)
#
# Everything lrplay used is embedded: the data set (train and validation split, float32), the
# initial weights, the config; the batch order of every epoch is regenerated from the seed by
# a port of lrplay's generator (PCG32, Lemire's bounded draw, Fisher-Yates) and checked against
# the embedded order of epoch 0. The model, optimizer, schedule, floor and early stopping are
# PyTorch objects (plus three small classes where PyTorch has none: Keras' Adam with `decay`,
# Keras' ReduceLROnPlateau, Keras' EarlyStopping).
#
# How far it tracks lrplay: the rates agree to ~1e-15 relative (the same formulas, PyTorch's
# chainable forms against lrplay's closed forms). The losses agree to ~1e-7 relative at first
# and drift slowly: both train in float32, but matrix products, softmax and the optimizers sum
# in a different order, so each update differs in the last bits and the difference grows with
# the epochs; on lrplay's test configs it stays within 1e-5 relative over the first 10 epochs.
# A run that diverges, a plateau cut decided by a metric within rounding of its threshold, or
# training at the edge of stability parts ways earlier: Adam at 0.03 on digits with two hidden
# layers of 512 differs by ~10 % in its second epoch (the same network at 0.001, or with SGD,
# stays within 1e-6), because Adam turns the last-bit differences of tiny gradients into steps
# of the full rate.
import base64
import json
import math
import sys
import warnings
from array import array

import torch
from torch import nn

# SequentialLR (the warm-up) steps its second scheduler with an explicit epoch, which PyTorch
# itself then warns about: not something this script does.
warnings.filterwarnings('ignore', message='The epoch parameter in `scheduler.step\\(\\)`')

PAYLOAD = json.loads('''@LRPLAY_PAYLOAD@''')

STREAM_BATCHES = 3    # lrplay's generator stream for the batch order
EVAL_CHUNK = 256      # lrplay evaluates in chunks of max(batch_size, 256) rows


# ----------------------------------------------------------------- embedded data
def words(b64, typecode):
    a = array(typecode, base64.b64decode(b64))
    if sys.byteorder == 'big':
        a.byteswap()      # the payload is little-endian
    return a


def floats(b64, rows, cols):
    return torch.tensor(words(b64, 'f'), dtype=torch.float32).reshape(rows, cols)


# ------------------------------------------------ lrplay's batch order, exactly
M64 = (1 << 64) - 1


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
        """Lemire's nearly divisionless draw in [0, bound)."""
        m = self.u32() * bound
        if (m & 0xFFFFFFFF) < bound:
            threshold = ((1 << 32) - bound) % bound
            while (m & 0xFFFFFFFF) < threshold:
                m = self.u32() * bound
        return m >> 32


def epoch_orders(seed, n, epochs):
    """Every epoch's order of the training rows: one Fisher-Yates shuffle (from the back) of the
    previous order at each epoch boundary, starting from the identity."""
    rng, idx = PCG32(seed, STREAM_BATCHES), list(range(n))
    for _ in range(epochs):
        for i in range(n - 1, 0, -1):
            j = rng.below(i + 1)
            idx[i], idx[j] = idx[j], idx[i]
        yield list(idx)


# ------------------------------------------------------------------- the model
ACT = {'relu': nn.ReLU, 'tanh': nn.Tanh, 'sigmoid': nn.Sigmoid, 'gelu': nn.GELU}


def make_model(sizes, activation, params):
    layers, at = [], 0
    for l in range(len(sizes) - 1):
        lin = nn.Linear(sizes[l], sizes[l + 1])
        n_w = sizes[l] * sizes[l + 1]
        with torch.no_grad():   # lrplay's initial weights: W (OUT, IN) row-major, then b
            lin.weight.copy_(params[at:at + n_w].reshape(sizes[l + 1], sizes[l]))
            lin.bias.copy_(params[at + n_w:at + n_w + sizes[l + 1]])
        at += n_w + sizes[l + 1]
        layers.append(lin)
        if l + 2 < len(sizes):
            layers.append(ACT[activation]())
    return nn.Sequential(*layers)


# ------------------------------------------------------------------ optimizers
class KerasAdam(torch.optim.Optimizer):
    """Keras 2.x Adam with its legacy `decay` (training_ops ApplyAdam), float32 scalars as Keras:
    lr_t = lr / (1 + decay * iterations); alpha = lr_t * sqrt(1 - b2^t) / (1 - b1^t);
    m += (g - m)(1 - b1); v += (g*g - v)(1 - b2); p -= m * alpha / (sqrt(v) + eps)."""

    def __init__(self, params, lr, beta1, beta2, eps, amsgrad, decay):
        super().__init__(params, dict(lr=lr, beta1=beta1, beta2=beta2, eps=eps, amsgrad=amsgrad, decay=decay))
        self.iterations = 0

    def effective_lr(self, lr):
        """The rate the next update applies for a scheduled rate lr (what lrplay reports)."""
        d = self.defaults['decay']
        return lr / (1 + d * self.iterations) if d > 0 else lr

    @staticmethod
    def _pow(b, e):   # repeated squaring in double, as lrplay (no libm pow)
        r = 1.0
        while e > 0:
            if e & 1:
                r *= b
            b *= b
            e >>= 1
        return r

    @torch.no_grad()
    def step(self):
        self.iterations += 1
        t = self.iterations
        f32 = lambda v: torch.tensor(v, dtype=torch.float32)
        for g in self.param_groups:
            b1, b2 = f32(g['beta1']), f32(g['beta2'])
            b1p, b2p = f32(self._pow(b1.item(), t)), f32(self._pow(b2.item(), t))
            lr_t = f32(g['lr']) / (f32(1.0) + f32(g['decay']) * f32(t - 1))
            alpha = lr_t * torch.sqrt(f32(1.0) - b2p) / (f32(1.0) - b1p)
            omb1, omb2, eps = f32(1.0) - b1, f32(1.0) - b2, f32(g['eps'])
            for p in g['params']:
                if p.grad is None:
                    continue
                st = self.state[p]
                if not st:
                    st['m'], st['v'] = torch.zeros_like(p), torch.zeros_like(p)
                    if g['amsgrad']:
                        st['vmax'] = torch.zeros_like(p)
                gr, m, v = p.grad, st['m'], st['v']
                m.add_((gr - m) * omb1)
                v.add_((gr * gr - v) * omb2)
                vh = v
                if g['amsgrad']:
                    torch.maximum(st['vmax'], v, out=st['vmax'])
                    vh = st['vmax']
                p.sub_((m * alpha) / (vh.sqrt() + eps))


def make_optimizer(o, params):
    k = o['name']
    if k == 'adam':
        return torch.optim.Adam(params, lr=o['lr'], betas=(o['beta1'], o['beta2']), eps=o['eps'],
                                weight_decay=o['weight_decay'], amsgrad=o['amsgrad'])
    if k == 'adamw':
        return torch.optim.AdamW(params, lr=o['lr'], betas=(o['beta1'], o['beta2']), eps=o['eps'],
                                 weight_decay=o['weight_decay'], amsgrad=o['amsgrad'])
    if k == 'sgd':
        return torch.optim.SGD(params, lr=o['lr'], momentum=o['momentum'], dampening=o['dampening'],
                               weight_decay=o['weight_decay'], nesterov=o['nesterov'])
    if k == 'keras_adam':
        return KerasAdam(params, o['lr'], o['beta1'], o['beta2'], o['eps'], o['amsgrad'], o['decay'])
    raise SystemExit(f'replay: unknown optimizer {k!r}')


class Floor:
    """lrplay's min_lr: every update uses max(scheduled rate, min_lr), while the scheduler keeps
    its own rate (a chainable PyTorch scheduler must not see the floor)."""

    def __init__(self, optimizer, min_lr):
        self.optimizer, self.min_lr = optimizer, min_lr

    def rate(self):
        return max(self.optimizer.param_groups[0]['lr'], self.min_lr)

    def step(self):
        saved = [g['lr'] for g in self.optimizer.param_groups]
        for g in self.optimizer.param_groups:
            g['lr'] = max(g['lr'], self.min_lr)
        self.optimizer.step()
        for g, lr in zip(self.optimizer.param_groups, saved):
            g['lr'] = lr


# ------------------------------------------------------------------- schedules
class KerasReduceLROnPlateau:
    """keras.callbacks.ReduceLROnPlateau.on_epoch_end (Keras 2.x) on a torch optimizer; the
    optimizer's rate is a float32 variable in Keras, so a cut is stored rounded to float32."""

    def __init__(self, optimizer, mode, factor, patience, min_delta, cooldown, min_lr):
        self.optimizer, self.mode, self.factor, self.patience = optimizer, mode, factor, patience
        self.min_delta, self.cooldown, self.min_lr = min_delta, cooldown, min_lr
        self.best = -math.inf if mode == 'max' else math.inf
        self.wait = self.cooldown_counter = 0

    def step(self, metric):
        better = metric > self.best + self.min_delta if self.mode == 'max' else metric < self.best - self.min_delta
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if better:
            self.best, self.wait = metric, 0
            return
        if self.cooldown_counter > 0:
            return
        self.wait += 1
        if self.wait < self.patience:
            return
        old = f32_round(self.optimizer.param_groups[0]['lr'])
        if old > f32_round(self.min_lr):
            new = f32_round(max(old * self.factor, self.min_lr))
            for g in self.optimizer.param_groups:
                g['lr'] = new
            self.cooldown_counter, self.wait = self.cooldown, 0


def f32_round(v):
    return torch.tensor(v, dtype=torch.float32).item()


def resolve(s, opt, total):
    """lrplay's run-length defaults: T_max 0 = the steps after the warm-up, T_0 0 = a quarter of
    them, total_steps 0 = the run's steps, max_lr / base_lr 0 = the optimizer's rate."""
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


def make_schedule(s, opt, optimizer, min_lr):
    """The scheduler (None for constant) and whether it steps per batch."""
    lrs = torch.optim.lr_scheduler
    k, per_batch = s['name'], s.get('interval') == 'batch'
    if k == 'constant':
        return None, False
    if k == 'reduce_on_plateau':
        floor = max(s['min_lr'], min_lr)   # lrplay folds the run's floor into the monitor's
        if s['flavor'] == 'keras':
            return KerasReduceLROnPlateau(optimizer, s['mode'], s['factor'], s['patience'], s['min_delta'],
                                          s['cooldown'], floor), False
        return lrs.ReduceLROnPlateau(optimizer, mode=s['mode'], factor=s['factor'], patience=s['patience'],
                                     threshold=s['threshold'], threshold_mode=s['threshold_mode'],
                                     cooldown=s['cooldown'], min_lr=floor, eps=s['eps']), False
    if k == 'step':
        main = lambda: lrs.StepLR(optimizer, step_size=s['step_size'], gamma=s['gamma'])
    elif k == 'multistep':
        main = lambda: lrs.MultiStepLR(optimizer, milestones=s['milestones'], gamma=s['gamma'])
    elif k == 'exponential':
        main = lambda: lrs.ExponentialLR(optimizer, gamma=s['gamma'])
    elif k == 'cosine':
        main = lambda: lrs.CosineAnnealingLR(optimizer, T_max=s['T_max'], eta_min=s['eta_min'])
    elif k == 'cosine_warm_restarts':
        main = lambda: lrs.CosineAnnealingWarmRestarts(optimizer, T_0=s['T_0'], T_mult=s['T_mult'], eta_min=s['eta_min'])
    elif k == 'linear':
        return lrs.LinearLR(optimizer, start_factor=s['start_factor'], end_factor=s['end_factor'],
                            total_iters=s['total_iters']), per_batch
    elif k == 'onecycle':
        return lrs.OneCycleLR(optimizer, max_lr=s['max_lr'], total_steps=s['total_steps'], pct_start=s['pct_start'],
                              anneal_strategy=s['anneal_strategy'], div_factor=s['div_factor'],
                              final_div_factor=s['final_div_factor'], three_phase=s['three_phase'],
                              cycle_momentum=False), per_batch
    elif k == 'cyclic':
        return lrs.CyclicLR(optimizer, base_lr=s['base_lr'], max_lr=s['max_lr'], step_size_up=s['step_size_up'],
                            step_size_down=s['step_size_down'] or None, mode=s['mode'], gamma=s['gamma'],
                            cycle_momentum=False), per_batch
    elif k == 'inverse_time':   # Keras' InverseTimeDecay as a multiplier of the base rate
        ds, dr, stair = s['decay_steps'], s['decay_rate'], s['staircase']
        return lrs.LambdaLR(optimizer, lambda t: 1.0 / (1.0 + dr * (t // ds if stair else t / ds))), per_batch
    elif k == 'lr_range':       # the range test's ramp from the optimizer's rate to end_lr
        n, end, base = s['num_iter'], s['end_lr'], opt['lr']
        def ramp(t):
            if n < 2:
                return 1.0
            frac = min(t, n - 1) / (n - 1)
            if s['step_mode'] == 'linear':
                return (base + frac * (end - base)) / base
            return (end / base) ** frac
        return lrs.LambdaLR(optimizer, ramp), per_batch
    else:
        raise SystemExit(f'replay: unknown schedule {k!r}')
    w = s.get('warmup', 0)
    if w > 0:   # warm-up: LinearLR for w steps, then the schedule from its own step 0
        warm = lrs.LinearLR(optimizer, start_factor=s['warmup_start_factor'], end_factor=1.0, total_iters=w)
        return lrs.SequentialLR(optimizer, [warm, main()], milestones=[w]), per_batch
    return main(), per_batch


# -------------------------------------------------------------- early stopping
class EarlyStopping:
    """keras.callbacks.EarlyStopping (tf.keras 2.13+, Keras 3) over lrplay's validation metrics;
    with restore_best_weights it keeps a copy of the model at the first watched epoch and at
    every improvement, and restores it on a stop."""

    def __init__(self, es, model):
        self.monitor, self.model = es['monitor'], model
        mode = es['mode']
        self.max = mode == 'max' or (mode == 'auto' and self.monitor == 'val_acc')
        self.min_delta, self.patience = abs(es['min_delta']), es['patience']
        self.baseline = es['baseline'] if es['baseline'] != 0 else None   # lrplay configs: 0 = none
        self.start, self.restore = es['start_from_epoch'], es['restore_best_weights']
        self.best = -math.inf if self.max else math.inf
        self.wait, self.epoch, self.best_state = 0, 0, None

    def _better(self, m, ref):
        return m - self.min_delta > ref if self.max else m + self.min_delta < ref

    def step(self, val_loss, val_acc):
        """After an epoch; True when training stops here."""
        m = val_acc if self.monitor == 'val_acc' else val_loss
        epoch, self.epoch = self.epoch, self.epoch + 1
        if epoch < self.start:
            return False
        self.wait += 1
        if self._better(m, self.best):
            self.best = m
            if self.baseline is None or self._better(m, self.baseline):
                self.wait = 0
            if self.restore:
                self.best_state = {k: v.clone() for k, v in self.model.state_dict().items()}
            return False
        if self.restore and self.best_state is None:
            self.best_state = {k: v.clone() for k, v in self.model.state_dict().items()}
        if self.wait >= self.patience and epoch > 0:
            if self.restore and self.best_state is not None:
                self.model.load_state_dict(self.best_state)
            return True
        return False


# ------------------------------------------------------------------- the replay
def finite(v):
    return v if v is not None and math.isfinite(v) else None


def replay(P, run_index):
    cfg = P['config']
    run = cfg['runs'][run_index]
    opt_cfg, sch_cfg = run['optimizer'], run['schedule']
    n_in, n_out, n_train, n_val = P['n_in'], P['n_out'], P['n_train'], P['n_val']
    cls = P['task'] == 'classification'
    x_train, x_val = floats(P['x_train'], n_train, n_in), floats(P['x_val'], n_val, n_in)
    yc = 1 if cls else n_out
    y_train, y_val = floats(P['y_train'], n_train, yc), floats(P['y_val'], n_val, yc)
    if cls:
        y_train, y_val = y_train.reshape(-1).long(), y_val.reshape(-1).long()
    params = torch.tensor(words(P['params'], 'f'), dtype=torch.float32)

    torch.manual_seed(0)   # nothing random is drawn: data, weights and order are lrplay's
    model = make_model(P['sizes'], cfg['model']['activation'], params)
    loss_fn = nn.CrossEntropyLoss() if cls else nn.MSELoss()
    epochs, bs = cfg['epochs'], min(cfg['batch_size'], n_train)
    batches = (n_train + bs - 1) // bs
    optimizer = make_optimizer(opt_cfg, model.parameters())
    floor = Floor(optimizer, run['min_lr'])
    per_batch = sch_cfg.get('interval') == 'batch' and sch_cfg['name'] != 'reduce_on_plateau'
    sch = resolve(sch_cfg, opt_cfg, epochs * batches if per_batch else epochs)
    scheduler, per_batch = make_schedule(sch, opt_cfg, optimizer, run['min_lr'])
    plateau = sch['name'] == 'reduce_on_plateau'
    stopper = EarlyStopping(run['early_stopping'], model) if run['early_stopping']['monitor'] != 'off' else None

    def evaluate():
        chunk, total, correct = max(cfg['batch_size'], EVAL_CHUNK), 0.0, 0
        with torch.no_grad():
            for at in range(0, n_val, chunk):
                out = model(x_val[at:at + chunk])
                yb = y_val[at:at + chunk]
                total += loss_fn(out, yb).item() * len(yb)
                if cls:
                    correct += int((out.argmax(dim=1) == yb).sum())
        return total / n_val, (correct / n_val if cls else None)

    initial_val, _ = evaluate()
    out = {'lr': [], 'train_loss': [], 'val_loss': [], 'val_acc': []}
    order_check = list(words(P['order0'], 'I' if array('I').itemsize == 4 else 'L'))
    for e, order in enumerate(epoch_orders(cfg['seed'], n_train, epochs)):
        if e == 0 and order != order_check:
            raise SystemExit('replay: the regenerated batch order differs from lrplay\'s (epoch 1)')
        lr = floor.rate()
        out['lr'].append(optimizer.effective_lr(lr) if isinstance(optimizer, KerasAdam) else lr)
        total, seen, bad = 0.0, 0, False
        model.train()
        for b in range(batches):
            idx = torch.tensor(order[b * bs:(b + 1) * bs])
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            if not math.isfinite(loss.item()):
                bad = True
                break
            loss.backward()
            floor.step()
            total += loss.item() * len(idx)
            seen += len(idx)
            if per_batch and scheduler is not None:
                scheduler.step()
        model.eval()
        val, acc = evaluate() if not bad else (math.nan, None)
        out['train_loss'].append(None if bad else total / seen)
        out['val_loss'].append(finite(val))
        out['val_acc'].append(acc)
        if bad or not math.isfinite(val) or val > 100 * initial_val:
            break   # lrplay stops a diverged run here
        if stopper is not None and stopper.step(val, acc if acc is not None else math.nan):
            break
        if plateau:
            scheduler.step(val)
        elif scheduler is not None and not per_batch:
            scheduler.step()
    return out


if __name__ == '__main__':
    runs = [PAYLOAD['run']]
    if len(sys.argv) == 3 and sys.argv[1] == '--run':
        n = len(PAYLOAD['config']['runs'])
        runs = range(n) if sys.argv[2] == 'all' else [int(sys.argv[2])]
        if any(not 0 <= k < n for k in runs):
            raise SystemExit(f'replay: run {sys.argv[2]} is not a run of this experiment (it has {n})')
    elif len(sys.argv) != 1:
        raise SystemExit('usage: python3 ' + sys.argv[0] + ' [--run K|all]')
    for k in runs:
        print(json.dumps(replay(PAYLOAD, k), allow_nan=False), flush=True)
