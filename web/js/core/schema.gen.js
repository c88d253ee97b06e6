// schema.gen.js — GENERATED from the C core's field tables by scripts/gen_schema.mjs
// (`lrplay schema`, lrplay 0.1.0). Do not edit: change c_src/ and run `npm run gen`.
//
// A field spec is {type, min, max, default, help} plus choices (enums) and maxItems (lists:
// items; strings: bytes). Fields are in the core's canonical order; each kind holds exactly
// the fields that apply to it, with that kind's default. A kind's own name field is the key.

const freeze = (o) => {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.values(o).forEach(freeze);
    Object.freeze(o);
  }
  return o;
};

export const LIMITS = freeze({
  "MAX_LAYERS": 6,
  "MAX_WIDTH": 512,
  "MAX_SAMPLES": 20000,
  "MAX_FEATURES": 512,
  "MAX_CLASSES": 512,
  "MAX_CSV_BYTES": 67108864,
  "MAX_NAME": 63,
  "MAX_PATH": 127,
  "MAX_EPOCHS": 1000,
  "MAX_BATCH": 4096,
  "MAX_ITERS": 10000,
  "MAX_RUNS": 8,
  "MAX_MILESTONES": 16,
  "MAX_STEPS": 10000000,
  "MAX_PARAMS": 67108864,
  "MAX_SECONDS": 15,
  "MAX_WORK": 100000000000,
  "MAX_LABEL": 64,
  "MAX_REPEATS": 10
});

// What the command-line tools read (cli/limits.h): input size, nesting, list lengths, spec work.
export const INPUT_LIMITS = freeze({
  "MAX_BYTES": 16777216,
  "MAX_DEPTH": 64,
  "MAX_NUMBER": 63,
  "MAX_KEY": 64,
  "CONFIG_MAX_ITEMS": 64,
  "CONFIG_MAX_VALUES": 65536,
  "MAX_LIST": 64,
  "MAX_PATH": 255,
  "SPEC_MAX_ITEMS": 2097152,
  "SPEC_MAX_VALUES": 2097152,
  "SPEC_MAX_OUTPUT": 100000000,
  "SPEC_MAX_SCHEDULE_STEPS": 1000000,
  "SPEC_MAX_TRACE": 1000000,
  "SPEC_MAX_BASE_LR": 1000000,
  "SPEC_MAX_LRFIND_ITERS": 10000000
});

export const STATUS = freeze(["LRP_OK","LRP_EINVAL","LRP_ENOMEM","LRP_ELIMIT","LRP_EDIVERGED","LRP_ESTATE"]);

// The range test's suggestions: name -> LRP_SUGGEST_* bit of lrp_lrfind_result.have, in output order.
export const SUGGEST = freeze({"minimum":1,"steep":2,"valley":4,"slide":8,"gradient":16});

export const ENUMS = freeze({
  "optimizer": ["adam","adamw","sgd","keras_adam"],
  "schedule": ["constant","reduce_on_plateau","step","multistep","exponential","cosine","cosine_warm_restarts","linear","onecycle","cyclic","inverse_time","lr_range"],
  "data": ["spiral","circles","xor","gauss","moons","sine","digits","csv","iris","wine","breast_cancer","diabetes"],
  "activation": ["relu","tanh","sigmoid","gelu"],
  "loss": ["cross_entropy","mse"],
  "flavor": ["torch","keras"],
  "mode": ["min","max"],
  "threshold_mode": ["rel","abs"],
  "anneal_strategy": ["cos","linear"],
  "cyclic_mode": ["triangular","triangular2","exp_range"],
  "step_mode": ["exp","linear"],
  "interval": ["epoch","batch"],
  "event_reason": ["plateau","schedule","min_lr"],
  "field_type": ["number","int","bool","enum","int_list","string"],
  "set_mode": ["strict","clamp"],
  "kernel": ["auto","scalar","simd"],
  "monitor": ["off","val_loss","val_acc"],
  "es_mode": ["auto","min","max"],
  "pick": ["steep","valley","minimum","slide","gradient"],
  "lr_policy": ["pick","own"],
  "task": ["auto","classification","regression"],
  "header": ["auto","yes","no"],
  "separator": ["auto","comma","semicolon","tab"]
});

export const OPTIMIZER = freeze({
  "adam": {
    "lr": {"type":"number","min":0,"max":1000,"default":0.001,"help":"learning rate"},
    "beta1": {"type":"number","min":0,"max":0.999999,"default":0.9,"help":"first-moment decay"},
    "beta2": {"type":"number","min":0,"max":0.999999,"default":0.999,"help":"second-moment decay"},
    "eps": {"type":"number","min":0,"max":1,"default":1e-8,"help":"term added to the denominator"},
    "weight_decay": {"type":"number","min":0,"max":10,"default":0,"help":"weight decay (L2 for adam and sgd, decoupled for adamw)"},
    "amsgrad": {"type":"bool","min":0,"max":1,"default":false,"help":"use the running maximum of the second moment"}
  },
  "adamw": {
    "lr": {"type":"number","min":0,"max":1000,"default":0.001,"help":"learning rate"},
    "beta1": {"type":"number","min":0,"max":0.999999,"default":0.9,"help":"first-moment decay"},
    "beta2": {"type":"number","min":0,"max":0.999999,"default":0.999,"help":"second-moment decay"},
    "eps": {"type":"number","min":0,"max":1,"default":1e-8,"help":"term added to the denominator"},
    "weight_decay": {"type":"number","min":0,"max":10,"default":0.01,"help":"weight decay (L2 for adam and sgd, decoupled for adamw)"},
    "amsgrad": {"type":"bool","min":0,"max":1,"default":false,"help":"use the running maximum of the second moment"}
  },
  "sgd": {
    "lr": {"type":"number","min":0,"max":1000,"default":0.01,"help":"learning rate"},
    "weight_decay": {"type":"number","min":0,"max":10,"default":0,"help":"weight decay (L2 for adam and sgd, decoupled for adamw)"},
    "momentum": {"type":"number","min":0,"max":0.9999,"default":0,"help":"momentum"},
    "dampening": {"type":"number","min":0,"max":1,"default":0,"help":"momentum dampening"},
    "nesterov": {"type":"bool","min":0,"max":1,"default":false,"help":"Nesterov momentum"}
  },
  "keras_adam": {
    "lr": {"type":"number","min":0,"max":1000,"default":0.001,"help":"learning rate"},
    "beta1": {"type":"number","min":0,"max":0.999999,"default":0.9,"help":"first-moment decay"},
    "beta2": {"type":"number","min":0,"max":0.999999,"default":0.999,"help":"second-moment decay"},
    "eps": {"type":"number","min":0,"max":1,"default":1e-7,"help":"term added to the denominator"},
    "amsgrad": {"type":"bool","min":0,"max":1,"default":false,"help":"use the running maximum of the second moment"},
    "decay": {"type":"number","min":0,"max":10,"default":0,"help":"Keras legacy decay: lr / (1 + decay * iterations)"}
  }
});

export const SCHEDULE = freeze({
  "constant": {
    "interval": {"type":"enum","min":0,"max":1,"default":"epoch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"}
  },
  "reduce_on_plateau": {
    "flavor": {"type":"enum","min":0,"max":1,"default":"torch","choices":["torch","keras"],"help":"torch or keras semantics"},
    "mode": {"type":"enum","min":0,"max":1,"default":"min","choices":["min","max"],"help":"min: lower metric is better; max: higher"},
    "factor": {"type":"number","min":1e-12,"max":0.999999,"default":0.1,"help":"new rate = rate * factor"},
    "patience": {"type":"int","min":0,"max":100000,"default":10,"help":"epochs without improvement before a cut"},
    "threshold": {"type":"number","min":0,"max":1000,"default":0.0001,"help":"improvement needed to count as better"},
    "threshold_mode": {"type":"enum","min":0,"max":1,"default":"rel","choices":["rel","abs"],"help":"rel: relative; abs: absolute"},
    "cooldown": {"type":"int","min":0,"max":100000,"default":0,"help":"epochs to wait after a cut"},
    "min_lr": {"type":"number","min":0,"max":1000,"default":0,"help":"lower bound on the rate"},
    "eps": {"type":"number","min":0,"max":1,"default":1e-8,"help":"cuts smaller than this are skipped"}
  },
  "reduce_on_plateau/keras": {
    "flavor": {"type":"enum","min":0,"max":1,"default":"keras","choices":["torch","keras"],"help":"torch or keras semantics"},
    "mode": {"type":"enum","min":0,"max":1,"default":"min","choices":["min","max"],"help":"min: lower metric is better; max: higher"},
    "factor": {"type":"number","min":1e-12,"max":0.999999,"default":0.1,"help":"new rate = rate * factor"},
    "patience": {"type":"int","min":0,"max":100000,"default":10,"help":"epochs without improvement before a cut"},
    "min_delta": {"type":"number","min":0,"max":1000,"default":0.0001,"help":"improvement needed to count as better"},
    "cooldown": {"type":"int","min":0,"max":100000,"default":0,"help":"epochs to wait after a cut"},
    "min_lr": {"type":"number","min":0,"max":1000,"default":0,"help":"lower bound on the rate"}
  },
  "step": {
    "interval": {"type":"enum","min":0,"max":1,"default":"epoch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "step_size": {"type":"int","min":1,"max":10000000,"default":10,"help":"steps between decays"},
    "gamma": {"type":"number","min":1e-12,"max":10,"default":0.1,"help":"multiplicative factor"},
    "warmup": {"type":"int","min":0,"max":10000000,"default":0,"help":"steps of linear warm-up before the schedule (0: none)"},
    "warmup_start_factor": {"type":"number","min":1e-8,"max":1,"default":0.3333333333333333,"help":"rate at the warm-up's step 0 = rate * this"}
  },
  "multistep": {
    "interval": {"type":"enum","min":0,"max":1,"default":"epoch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "milestones": {"type":"int_list","min":1,"max":10000000,"default":[10,20],"maxItems":16,"help":"steps at which the rate is multiplied by gamma (increasing)"},
    "gamma": {"type":"number","min":1e-12,"max":10,"default":0.1,"help":"multiplicative factor"},
    "warmup": {"type":"int","min":0,"max":10000000,"default":0,"help":"steps of linear warm-up before the schedule (0: none)"},
    "warmup_start_factor": {"type":"number","min":1e-8,"max":1,"default":0.3333333333333333,"help":"rate at the warm-up's step 0 = rate * this"}
  },
  "exponential": {
    "interval": {"type":"enum","min":0,"max":1,"default":"epoch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "gamma": {"type":"number","min":1e-12,"max":10,"default":0.95,"help":"multiplicative factor"},
    "warmup": {"type":"int","min":0,"max":10000000,"default":0,"help":"steps of linear warm-up before the schedule (0: none)"},
    "warmup_start_factor": {"type":"number","min":1e-8,"max":1,"default":0.3333333333333333,"help":"rate at the warm-up's step 0 = rate * this"}
  },
  "cosine": {
    "interval": {"type":"enum","min":0,"max":1,"default":"epoch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "T_max": {"type":"int","min":0,"max":10000000,"default":0,"help":"half period in steps (0: the run's length after the warm-up)"},
    "eta_min": {"type":"number","min":0,"max":1000,"default":0,"help":"lowest rate"},
    "warmup": {"type":"int","min":0,"max":10000000,"default":0,"help":"steps of linear warm-up before the schedule (0: none)"},
    "warmup_start_factor": {"type":"number","min":1e-8,"max":1,"default":0.3333333333333333,"help":"rate at the warm-up's step 0 = rate * this"}
  },
  "cosine_warm_restarts": {
    "interval": {"type":"enum","min":0,"max":1,"default":"epoch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "T_0": {"type":"int","min":0,"max":10000000,"default":10,"help":"first restart period in steps (0: a quarter of the run's length after the warm-up)"},
    "T_mult": {"type":"int","min":1,"max":1000,"default":1,"help":"period growth after each restart"},
    "eta_min": {"type":"number","min":0,"max":1000,"default":0,"help":"lowest rate"},
    "warmup": {"type":"int","min":0,"max":10000000,"default":0,"help":"steps of linear warm-up before the schedule (0: none)"},
    "warmup_start_factor": {"type":"number","min":1e-8,"max":1,"default":0.3333333333333333,"help":"rate at the warm-up's step 0 = rate * this"}
  },
  "linear": {
    "interval": {"type":"enum","min":0,"max":1,"default":"epoch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "start_factor": {"type":"number","min":1e-8,"max":1,"default":0.3333333333333333,"help":"factor at step 0"},
    "end_factor": {"type":"number","min":0,"max":1,"default":1,"help":"factor after total_iters"},
    "total_iters": {"type":"int","min":0,"max":10000000,"default":5,"help":"steps of the ramp"}
  },
  "onecycle": {
    "interval": {"type":"enum","min":0,"max":1,"default":"batch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "max_lr": {"type":"number","min":0,"max":1000,"default":0,"help":"peak rate (onecycle 0: the run's rate)"},
    "total_steps": {"type":"int","min":0,"max":10000000,"default":0,"help":"length of the cycle (0: the run's length)"},
    "pct_start": {"type":"number","min":0,"max":1,"default":0.3,"help":"fraction of the cycle spent rising"},
    "anneal_strategy": {"type":"enum","min":0,"max":1,"default":"cos","choices":["cos","linear"],"help":"cos or linear annealing"},
    "div_factor": {"type":"number","min":1,"max":1000000,"default":25,"help":"start rate = max_lr / div_factor"},
    "final_div_factor": {"type":"number","min":1,"max":1000000000,"default":10000,"help":"final rate = start rate / final_div_factor"},
    "three_phase": {"type":"bool","min":0,"max":1,"default":false,"help":"fastai-style three phases"}
  },
  "cyclic": {
    "interval": {"type":"enum","min":0,"max":1,"default":"batch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "gamma": {"type":"number","min":1e-12,"max":10,"default":1,"help":"multiplicative factor"},
    "max_lr": {"type":"number","min":0,"max":1000,"default":0.006,"help":"peak rate (onecycle 0: the run's rate)"},
    "base_lr": {"type":"number","min":0,"max":1000,"default":0.001,"help":"lowest rate of the cycle (0: the run's rate)"},
    "step_size_up": {"type":"int","min":1,"max":10000000,"default":2000,"help":"steps rising"},
    "step_size_down": {"type":"int","min":0,"max":10000000,"default":0,"help":"steps falling (0: as rising)"},
    "mode": {"type":"enum","min":0,"max":2,"default":"triangular","choices":["triangular","triangular2","exp_range"],"help":"triangular, triangular2 or exp_range"}
  },
  "inverse_time": {
    "interval": {"type":"enum","min":0,"max":1,"default":"epoch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "decay_rate": {"type":"number","min":0,"max":1000,"default":0.5,"help":"rate / (1 + decay_rate * t / decay_steps)"},
    "decay_steps": {"type":"int","min":1,"max":10000000,"default":1,"help":"steps per decay unit"},
    "staircase": {"type":"bool","min":0,"max":1,"default":false,"help":"floor t / decay_steps"}
  },
  "lr_range": {
    "interval": {"type":"enum","min":0,"max":1,"default":"batch","choices":["epoch","batch"],"help":"step the schedule every epoch or every batch"},
    "end_lr": {"type":"number","min":1e-12,"max":10000,"default":10,"help":"rate at the last iteration"},
    "num_iter": {"type":"int","min":2,"max":10000000,"default":100,"help":"iterations of the ramp"},
    "step_mode": {"type":"enum","min":0,"max":1,"default":"exp","choices":["exp","linear"],"help":"exp or linear ramp"}
  }
});

export const DATA = freeze({
  "spiral": {
    "fields": {
      "data.samples": {"type":"int","min":10,"max":20000,"default":600,"help":"number of points"},
      "data.noise": {"type":"number","min":0,"max":5,"default":0.2,"help":"noise level"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"},
      "data.classes": {"type":"int","min":2,"max":10,"default":3,"help":"number of classes"}
    },
    "shape": {"rows":600,"n_in":2,"n_out":3,"task":"classification"}
  },
  "circles": {
    "fields": {
      "data.samples": {"type":"int","min":10,"max":20000,"default":600,"help":"number of points"},
      "data.noise": {"type":"number","min":0,"max":5,"default":0.1,"help":"noise level"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":600,"n_in":2,"n_out":2,"task":"classification"}
  },
  "xor": {
    "fields": {
      "data.samples": {"type":"int","min":10,"max":20000,"default":600,"help":"number of points"},
      "data.noise": {"type":"number","min":0,"max":5,"default":0.1,"help":"noise level"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":600,"n_in":2,"n_out":2,"task":"classification"}
  },
  "gauss": {
    "fields": {
      "data.samples": {"type":"int","min":10,"max":20000,"default":600,"help":"number of points"},
      "data.noise": {"type":"number","min":0,"max":5,"default":0.2,"help":"noise level"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"},
      "data.classes": {"type":"int","min":2,"max":10,"default":3,"help":"number of classes"}
    },
    "shape": {"rows":600,"n_in":2,"n_out":3,"task":"classification"}
  },
  "moons": {
    "fields": {
      "data.samples": {"type":"int","min":10,"max":20000,"default":600,"help":"number of points"},
      "data.noise": {"type":"number","min":0,"max":5,"default":0.1,"help":"noise level"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":600,"n_in":2,"n_out":2,"task":"classification"}
  },
  "sine": {
    "fields": {
      "data.samples": {"type":"int","min":10,"max":20000,"default":300,"help":"number of points"},
      "data.noise": {"type":"number","min":0,"max":5,"default":0.1,"help":"noise level"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":300,"n_in":1,"n_out":1,"task":"regression"}
  },
  "digits": {
    "fields": {
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":1797,"n_in":64,"n_out":10,"task":"classification"}
  },
  "csv": {
    "fields": {
      "data.path": {"type":"string","min":0,"max":0,"default":"","maxItems":127,"help":"the CSV file (the CLI reads it from the current directory; the name without directories is kept)"},
      "data.sha256": {"type":"string","min":0,"max":0,"default":"","maxItems":64,"help":"SHA-256 of the file (recorded; a config that gives it refuses another file)"},
      "data.rows": {"type":"int","min":0,"max":20000,"default":0,"help":"data rows of the file (recorded)"},
      "data.columns": {"type":"int","min":0,"max":513,"default":0,"help":"columns of the file (recorded)"},
      "data.target": {"type":"string","min":0,"max":0,"default":"","maxItems":63,"help":"the target column: its name or 0-based index (empty: the last)"},
      "data.task": {"type":"enum","min":0,"max":2,"default":"auto","choices":["auto","classification","regression"],"help":"auto: classification for a text target or at most 20 distinct whole numbers, else regression"},
      "data.outputs": {"type":"int","min":0,"max":512,"default":0,"help":"classes, or 1 for regression (recorded)"},
      "data.header": {"type":"enum","min":0,"max":2,"default":"auto","choices":["auto","yes","no"],"help":"is the first row a header"},
      "data.separator": {"type":"enum","min":0,"max":3,"default":"auto","choices":["auto","comma","semicolon","tab"],"help":"the column separator"},
      "data.standardize": {"type":"bool","min":0,"max":1,"default":true,"help":"standardize the inputs (and a regression target) with the train split's mean and sd"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":0,"n_in":0,"n_out":0,"task":"auto"}
  },
  "iris": {
    "fields": {
      "data.standardize": {"type":"bool","min":0,"max":1,"default":true,"help":"standardize the inputs (and a regression target) with the train split's mean and sd"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":150,"n_in":4,"n_out":3,"task":"classification"}
  },
  "wine": {
    "fields": {
      "data.standardize": {"type":"bool","min":0,"max":1,"default":true,"help":"standardize the inputs (and a regression target) with the train split's mean and sd"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":178,"n_in":13,"n_out":3,"task":"classification"}
  },
  "breast_cancer": {
    "fields": {
      "data.standardize": {"type":"bool","min":0,"max":1,"default":true,"help":"standardize the inputs (and a regression target) with the train split's mean and sd"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":569,"n_in":30,"n_out":2,"task":"classification"}
  },
  "diabetes": {
    "fields": {
      "data.standardize": {"type":"bool","min":0,"max":1,"default":true,"help":"standardize the inputs (and a regression target) with the train split's mean and sd"},
      "data.val_frac": {"type":"number","min":0.05,"max":0.5,"default":0.2,"help":"fraction held out for validation"}
    },
    "shape": {"rows":442,"n_in":10,"n_out":1,"task":"regression"}
  }
});

export const EXPERIMENT = freeze({
  "seed": {"type":"int","min":0,"max":4294967295,"default":1,"help":"random seed: data, initial weights, batch order"},
  "repeats": {"type":"int","min":1,"max":10,"default":1,"help":"seeds to repeat over: seed, seed+1, ..., each exactly a single run with that seed"},
  "model.hidden": {"type":"int_list","min":1,"max":512,"default":[32,32],"maxItems":6,"help":"hidden layer widths"},
  "model.activation": {"type":"enum","min":0,"max":3,"default":"tanh","choices":["relu","tanh","sigmoid","gelu"],"help":"hidden activation"},
  "batch_size": {"type":"int","min":1,"max":4096,"default":32,"help":"mini-batch size"},
  "epochs": {"type":"int","min":1,"max":1000,"default":40,"help":"training epochs"},
  "target_loss": {"type":"number","min":0,"max":1000000,"default":0,"help":"validation loss counted as reached (0: none)"},
  "find.start_lr": {"type":"number","min":1e-12,"max":1000,"default":0.000001,"help":"range test: first rate"},
  "find.end_lr": {"type":"number","min":1e-12,"max":10000,"default":10,"help":"range test: last rate"},
  "find.num_iter": {"type":"int","min":5,"max":10000,"default":100,"help":"range test: iterations"},
  "find.step_mode": {"type":"enum","min":0,"max":1,"default":"exp","choices":["exp","linear"],"help":"range test: exp or linear ramp"},
  "find.beta": {"type":"number","min":0,"max":0.999,"default":0.98,"help":"range test: loss smoothing"},
  "find.diverge": {"type":"number","min":1.01,"max":1000000,"default":4,"help":"range test: stop when smoothed loss > diverge * best"},
  "find.use_val": {"type":"bool","min":0,"max":1,"default":false,"help":"range test: record the validation loss"},
  "find.skip_end": {"type":"int","min":0,"max":1000,"default":5,"help":"range test: points left out of the suggestions at the end"},
  "find.pick": {"type":"enum","min":0,"max":4,"default":"steep","choices":["steep","valley","minimum","slide","gradient"],"help":"range test: the suggestion that becomes the picked rate (absent: steep, valley, slide, gradient, minimum)"},
  "find.picked_lr": {"type":"number","min":0,"max":1000,"default":0,"help":"the picked rate the runs start from (0: none picked yet)"},
  "runs_from_pick": {"type":"bool","min":0,"max":1,"default":true,"help":"runs whose lr_policy is pick start from find.picked_lr when it is set"}
});

export const RUN = freeze({
  "label": {"type":"string","min":0,"max":0,"default":"run 1","maxItems":256,"maxLength":64,"help":"name shown for the run"},
  "min_lr": {"type":"number","min":0,"max":1000,"default":0,"help":"floor under every rate of the run"},
  "early_stopping.monitor": {"type":"enum","min":0,"max":2,"default":"off","choices":["off","val_loss","val_acc"],"help":"stop the run when this stops improving (off: never)"},
  "early_stopping.mode": {"type":"enum","min":0,"max":2,"default":"auto","choices":["auto","min","max"],"help":"min, max, or auto (max for val_acc, min for val_loss)"},
  "early_stopping.min_delta": {"type":"number","min":0,"max":1000,"default":0,"help":"least change that counts as an improvement"},
  "early_stopping.patience": {"type":"int","min":0,"max":100000,"default":0,"help":"epochs without improvement before the stop"},
  "early_stopping.baseline": {"type":"number","min":0,"max":1000000,"default":0,"help":"value an improvement must also beat to restart the wait (0: none)"},
  "early_stopping.start_from_epoch": {"type":"int","min":0,"max":100000,"default":0,"help":"epochs not watched at the start"},
  "early_stopping.restore_best_weights": {"type":"bool","min":0,"max":1,"default":false,"help":"on a stop, end with the best epoch's weights"}
});
