// optimizers.js — each optimizer kind as Python: {torch(o), keras(o, lrArg)} returning source lines.
// `o` is describeRun(...).opt; lrArg is the Keras learning_rate argument (a rate or a schedule).
import { pyNum, pyBool } from './python.js';

const betas = (o) => `betas=(${pyNum(o.beta1)}, ${pyNum(o.beta2)})`;
const kerasCommon = (o) => `beta_1=${pyNum(o.beta1)}, beta_2=${pyNum(o.beta2)}, epsilon=${pyNum(o.eps)}, amsgrad=${pyBool(o.amsgrad)}`;
const EPS_NOTE = '# Keras adds epsilon to sqrt(v) before bias correction ("epsilon hat"); torch adds eps after it.';

function torchAdam(o, cls) {
  return [
    `optimizer = torch.optim.${cls}(model.parameters(), lr=${pyNum(o.lr)}, ${betas(o)}, eps=${pyNum(o.eps)},`,
    `                             weight_decay=${pyNum(o.weight_decay)}, amsgrad=${pyBool(o.amsgrad)})`,
  ];
}

export const OPTIMIZERS = {
  adam: {
    torch: (o) => ['# Adam: weight_decay is L2 added to the gradient.', ...torchAdam(o, 'Adam')],
    keras: (o, lrArg) => [
      ...(o.weight_decay !== 0 ? ['# torch Adam: weight_decay is L2 added to the gradient; here the L2 regularizers on the layers (above).'] : []),
      EPS_NOTE,
      `optimizer = tf.keras.optimizers.Adam(learning_rate=${lrArg}, ${kerasCommon(o)})`,
    ],
  },
  adamw: {
    torch: (o) => ['# AdamW: decoupled weight decay (p *= 1 - lr * weight_decay before the update).', ...torchAdam(o, 'AdamW')],
    keras: (o, lrArg) => [
      '# AdamW: decoupled weight decay (p -= lr * weight_decay * p), as torch.optim.AdamW.',
      EPS_NOTE,
      `optimizer = tf.keras.optimizers.AdamW(learning_rate=${lrArg}, weight_decay=${pyNum(o.weight_decay)}, ${kerasCommon(o)})`,
    ],
  },
  sgd: {
    torch: (o) => [
      '# SGD: weight_decay is L2 added to the gradient.',
      `optimizer = torch.optim.SGD(model.parameters(), lr=${pyNum(o.lr)}, momentum=${pyNum(o.momentum)},`,
      `                            dampening=${pyNum(o.dampening)}, weight_decay=${pyNum(o.weight_decay)}, nesterov=${pyBool(o.nesterov)})`,
    ],
    keras: (o, lrArg) => [
      '# torch SGD: b = momentum * b + (1 - dampening) * g; p -= lr * b. Keras: v = momentum * v - lr * g; p += v:',
      '# the same while the rate is constant; after a rate change torch applies the new rate to the whole buffer.',
      ...(o.dampening !== 0 ? [`# Keras has no dampening (torch dampening=${pyNum(o.dampening)} is not reproduced).`] : []),
      ...(o.weight_decay !== 0 ? ['# torch weight_decay (L2 added to the gradient) is the L2 regularizers on the layers (above).'] : []),
      `optimizer = tf.keras.optimizers.SGD(learning_rate=${lrArg}, momentum=${pyNum(o.momentum)}, nesterov=${pyBool(o.nesterov)})`,
    ],
  },
  keras_adam: {
    torch: (o) => [
      '# keras_adam: Keras 2.x Adam with its legacy `decay` (lr_t = lr / (1 + decay * iterations), iterations =',
      '# updates already made), rebuilt as torch Adam plus that decay applied per batch (below).',
      '# Keras adds its epsilon ("epsilon hat") to sqrt(v) before bias correction, torch adds eps to',
      '# sqrt(v_hat) after it: Keras epsilon e matches torch eps = e / sqrt(1 - beta2**t), which is',
      '# not a constant; the difference only matters while sqrt(v) is as small as eps.',
      `optimizer = torch.optim.Adam(model.parameters(), lr=${pyNum(o.lr)}, ${betas(o)}, eps=${pyNum(o.eps)},`,
      `                             weight_decay=0, amsgrad=${pyBool(o.amsgrad)})`,
      `KERAS_DECAY = ${pyNum(o.decay)}`,
    ],
    keras: (o, lrArg) => [
      '# keras_adam: Keras 2.x Adam with the legacy decay: lr_t = lr / (1 + decay * iterations), applied by',
      '# the optimizer on top of whatever sets its rate. TF >= 2.11 keeps it in tf.keras.optimizers.legacy.',
      `optimizer = tf.keras.optimizers.legacy.Adam(learning_rate=${lrArg}, ${kerasCommon(o)}, decay=${pyNum(o.decay)})`,
    ],
  },
};
