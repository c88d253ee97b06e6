// data.js — the data lines of both snippets: lrplay's split rule, scikit-learn's digits (the set
// lrplay compiles in) or stand-in data of the right shape for the sets lrplay draws itself.
import { pyNum } from './python.js';

export function dataComment(r) {
  const d = r.data;
  if (d.name === 'digits') {
    return [
      `# Data: lrplay's "digits" set is scikit-learn's load_digits (${d.samples} 8x8 images, pixels 0-16, ${d.nIn} inputs,`,
      `# ${d.nOut} classes; ${pyNum(d.valFrac)} held out for validation), split and standardized as lrplay does. lrplay's`,
      '# split is its own seeded permutation, so which rows validate differs; the sizes are the same.',
    ];
  }
  const what = d.task === 'regression' ? `${d.samples} points, noise ${pyNum(d.noise)}, regression of one target`
    : `${d.samples} points, noise ${pyNum(d.noise)}, ${d.nOut} classes`;
  return [
    `# Data: lrplay's "${d.name}" set (${what}; ${pyNum(d.valFrac)} held out for validation).`,
    '# lrplay draws it with its own seeded generator: replace the stand-in data below with yours',
    '# (inputs standardized, as lrplay does).',
  ];
}

/** The imports the data needs (scikit-learn for digits). */
export const dataImports = (r) => (r.data.name === 'digits' ? ['from sklearn.datasets import load_digits'] : []);

/** N, VAL_FRAC and the split sizes, by lrplay's rule. */
function splitLines(r) {
  const d = r.data;
  return [
    `N_IN, N_OUT = ${d.nIn}, ${d.nOut}`,
    `N, VAL_FRAC = ${pyNum(d.samples)}, ${pyNum(d.valFrac)}`,
    "# lrplay's split: N * VAL_FRAC rounded half up, at least one row on either side.",
    'n_val = min(max(int(N * VAL_FRAC + 0.5), 1), N - 1)',
    'n_train = N - n_val',
  ];
}

/** Standardizing with the training rows' mean and population sd; `lib` is 'torch' or 'np'. */
const standardize = (lib, X) => [
  `mean, sd = ${X}[:n_train].mean(0), ${X}[:n_train].std(0${lib === 'torch' ? ', unbiased=False' : ''})`,
  'sd[sd <= 1e-12] = 1.0  # a constant pixel is only centered, as lrplay',
];

/** X_train, y_train, X_val, y_val as torch tensors. */
export function torchData(r) {
  const cls = r.data.task === 'classification';
  const L = splitLines(r);
  if (r.data.name === 'digits') {
    L.push('X, y = load_digits(return_X_y=True)');
    L.push('perm = torch.randperm(N)');
    L.push('X, y = torch.as_tensor(X, dtype=torch.float64)[perm], torch.as_tensor(y)[perm]');
    L.push(...standardize('torch', 'X'));
    L.push('X = ((X - mean) / sd).float()');
    L.push('X_train, y_train, X_val, y_val = X[:n_train], y[:n_train], X[n_train:], y[n_train:]');
    return L;
  }
  L.push('X_train, X_val = torch.randn(n_train, N_IN), torch.randn(n_val, N_IN)');
  if (cls) L.push('y_train, y_val = torch.randint(0, N_OUT, (n_train,)), torch.randint(0, N_OUT, (n_val,))');
  else L.push('y_train, y_val = torch.sin(X_train), torch.sin(X_val)');
  return L;
}

/** x_train, y_train, x_val, y_val as numpy arrays. */
export function kerasData(r) {
  const cls = r.data.task === 'classification';
  const L = splitLines(r);
  if (r.data.name === 'digits') {
    L.push('X, y = load_digits(return_X_y=True)');
    L.push('perm = np.random.default_rng(SEED).permutation(N)');
    L.push('X, y = X[perm], y[perm]');
    L.push(...standardize('np', 'X'));
    L.push("X = ((X - mean) / sd).astype('float32')");
    L.push('x_train, y_train, x_val, y_val = X[:n_train], y[:n_train], X[n_train:], y[n_train:]');
    return L;
  }
  L.push('rng = np.random.default_rng(SEED)');
  L.push("x_train = rng.standard_normal((n_train, N_IN)).astype('float32')");
  L.push("x_val = rng.standard_normal((n_val, N_IN)).astype('float32')");
  if (cls) L.push('y_train, y_val = rng.integers(0, N_OUT, n_train), rng.integers(0, N_OUT, n_val)');
  else L.push('y_train, y_val = np.sin(x_train), np.sin(x_val)');
  return L;
}
