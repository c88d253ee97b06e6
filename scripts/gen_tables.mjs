#!/usr/bin/env node
// gen_tables.mjs — writes c_src/tables_data.h, the compiled-in tables (Iris, Wine, Breast
// Cancer Wisconsin, Diabetes), from data/*.csv.
//
//   node scripts/gen_tables.mjs                 regenerate c_src/tables_data.h
//   node scripts/gen_tables.mjs --check         exit 1 if the committed header is out of date
//   node scripts/gen_tables.mjs --import DIR    write data/*.csv from scikit-learn's files in DIR
//                                               (Debian python3-sklearn:
//                                               /usr/lib/python3/dist-packages/sklearn/datasets/data)
//
// The header keeps each table as its CSV text (a header row, then one line a row, the values'
// decimal text as scikit-learn ships it), read at run time by the core's own CSV parser: a
// built-in table and the same file given as CSV go through the same code and make the same
// numbers. The decimal text is the tables' compact form (the values have 2 to 6 significant
// digits); 156,955 bytes for the four.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'c_src', 'tables_data.h');

// kind: the C enum; target: the last column's name; classes: 0 for regression.
export const TABLES = [
  { name: 'iris', kind: 'LRP_DATA_IRIS', rows: 150, columns: 5, classes: 3 },
  { name: 'wine', kind: 'LRP_DATA_WINE', rows: 178, columns: 14, classes: 3 },
  { name: 'breast_cancer', kind: 'LRP_DATA_BREAST_CANCER', rows: 569, columns: 31, classes: 2 },
  { name: 'diabetes', kind: 'LRP_DATA_DIABETES', rows: 442, columns: 11, classes: 0 },
];

function fail(msg) {
  console.error(`gen_tables: ${msg}`);
  process.exit(1);
}

/* ------------------------------------------------------------ import */
const NAMES = {
  iris: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)', 'species'],
  wine: ['alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols', 'flavanoids',
    'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue', 'od280/od315_of_diluted_wines', 'proline',
    'class'],
  breast_cancer: ['mean radius', 'mean texture', 'mean perimeter', 'mean area', 'mean smoothness', 'mean compactness',
    'mean concavity', 'mean concave points', 'mean symmetry', 'mean fractal dimension', 'radius error', 'texture error',
    'perimeter error', 'area error', 'smoothness error', 'compactness error', 'concavity error', 'concave points error',
    'symmetry error', 'fractal dimension error', 'worst radius', 'worst texture', 'worst perimeter', 'worst area',
    'worst smoothness', 'worst compactness', 'worst concavity', 'worst concave points', 'worst symmetry',
    'worst fractal dimension', 'target'],
  diabetes: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6', 'target'],
};

function lines(text) { return text.split('\n').map((l) => l.trim()).filter((l) => l !== ''); }

function importFrom(dir) {
  const out = {};
  // scikit-learn's load_csv_data format: a first line "rows,features,class names...", then rows.
  const sk = (file, labels) => {
    const [head, ...rows] = lines(readFileSync(join(dir, file), 'utf8'));
    const names = head.split(',').slice(2);
    return rows.map((r) => {
      const f = r.split(',');
      const cls = Number(f[f.length - 1]);
      if (labels) f[f.length - 1] = names[cls];
      return f.join(',');
    });
  };
  out.iris = sk('iris.csv', true);
  out.wine = sk('wine_data.csv', false);
  out.breast_cancer = sk('breast_cancer.csv', false);
  const x = lines(gunzipSync(readFileSync(join(dir, 'diabetes_data_raw.csv.gz'))).toString('utf8'));
  const y = lines(gunzipSync(readFileSync(join(dir, 'diabetes_target.csv.gz'))).toString('utf8'));
  if (x.length !== y.length) fail('diabetes: data and target differ in length');
  out.diabetes = x.map((r, i) => {
    const t = Number(y[i]);
    if (!Number.isInteger(t)) fail(`diabetes: target ${y[i]} is not a whole number`);
    return [...r.split(/\s+/), String(t)].join(',');
  });
  for (const t of TABLES) {
    const csv = [NAMES[t.name].map((n) => (n.includes(',') ? `"${n}"` : n)).join(','), ...out[t.name]].join('\n') + '\n';
    writeFileSync(join(ROOT, 'data', `${t.name}.csv`), csv);
    console.log(`wrote data/${t.name}.csv (${out[t.name].length} rows)`);
  }
}

/* ------------------------------------------------------------ header */
function check(t, text) {
  const ls = lines(text);
  if (ls.length !== t.rows + 1) fail(`data/${t.name}.csv: ${ls.length - 1} rows, want ${t.rows}`);
  for (const [i, l] of ls.entries()) {
    const n = l.split(',').length;
    if (n !== t.columns) fail(`data/${t.name}.csv line ${i + 1}: ${n} fields, want ${t.columns}`);
  }
  if (!/^[\x20-\x7e\n]*$/.test(text)) fail(`data/${t.name}.csv: not plain ASCII`);
}

function literal(text) {
  return text.split('\n').filter((l) => l !== '').map((l) => `    "${l.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}\\n"`).join('\n');
}

function render() {
  let total = 0;
  const parts = TABLES.map((t) => {
    const text = readFileSync(join(ROOT, 'data', `${t.name}.csv`), 'utf8');
    check(t, text);
    total += text.length;
    return `static const char lrp_${t.name}_csv[] =\n${literal(text)};\n`;
  });
  const rows = TABLES.map((t) => `    {${t.kind}, lrp_${t.name}_csv, sizeof lrp_${t.name}_csv - 1, ${t.rows}, ${t.columns}, ` +
    `${t.classes}, ${t.classes ? 'LRP_TASK_CLASSIFICATION' : 'LRP_TASK_REGRESSION'}},`);
  return `/* tables_data.h — GENERATED by scripts/gen_tables.mjs from data/NAME.csv; do not edit.
 * The compiled-in tables as CSV text (${total} bytes), read by the core's CSV parser
 * (c_src/tabular.c). Sources and licenses: data/README.md. */
#ifndef LRP_TABLES_DATA_H
#define LRP_TABLES_DATA_H
#include "lrplay.h"

typedef struct {
    lrp_data_kind kind;
    const char *csv; size_t csv_len;
    size_t rows, columns, classes;   /* classes: 0 for regression */
    lrp_task task;                   /* the target is the last column */
} lrp_builtin_table;

${parts.join('\n')}
static const lrp_builtin_table lrp_builtin_tables[] = {
${rows.join('\n')}
};
#endif
`;
}

const args = process.argv.slice(2);
if (args[0] === '--import') {
  if (!args[1]) fail('--import needs the directory of scikit-learn\'s data files');
  importFrom(args[1]);
} else {
  const text = render();
  if (args[0] === '--check') {
    let old = '';
    try { old = readFileSync(OUT, 'utf8'); } catch { /* missing */ }
    if (old !== text) fail('c_src/tables_data.h is out of date: run node scripts/gen_tables.mjs');
    console.log('c_src/tables_data.h is up to date');
  } else {
    writeFileSync(OUT, text);
    console.log(`wrote c_src/tables_data.h`);
  }
}
